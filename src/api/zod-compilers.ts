// The schema controller every Fastify instance of the server uses: routes validate and serialize with zod
// (fastify-type-provider-zod). Handing Fastify these compilers when the instance is created keeps it from building
// its default ones (ajv and fast-json-stringify, ≈ 100 modules), which no route would use: part of the cold start
// budget (issue #4).
import type { FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type Factories = NonNullable<SchemaController['compilersFactory']>;

/** Pass as Fastify's `schemaController` option. */
export const zodSchemaController: SchemaController = {
  compilersFactory: {
    // Fastify types these factories after its ajv / fast-json-stringify defaults; at run time it calls what they
    // return with ({ schema, method, url, httpPart }), which is the signature of the zod compilers.
    buildValidator: (() => validatorCompiler) as unknown as Factories['buildValidator'],
    buildSerializer: (() => serializerCompiler) as unknown as Factories['buildSerializer'],
  },
};
