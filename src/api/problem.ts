// RFC 9457 problem+json for every error the API answers: known errors map to 4xx naming the parameter and the
// bad value; anything else is logged and answered with a generic 500 (never a stack trace).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HardinError } from '../core/index.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { parameter: string; message: string }[];
}

export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'type'> & { type?: string }) {
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({ type: problem.type ?? 'about:blank', ...problem });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => {
      const where = String(v.instancePath ?? '')
        .replace(/^\//, '')
        .replace(/\//g, '.');
      const parameter =
        where || String((v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') ?? '');
      return { parameter, message: v.message ?? 'invalid value' };
    });
    const context = error.validationContext ?? 'request';
    const detail = errors
      .map((e) => {
        const value = lookup(request, context, e.parameter);
        return `${context} parameter "${e.parameter}"${value === undefined ? '' : ` = ${JSON.stringify(value)}`}: ${e.message}`;
      })
      .join('; ');
    return sendProblem(reply, { title: 'Invalid request parameters', status: 400, detail, errors });
  }
  if (error instanceof HardinError) {
    if (error.name === 'WarehouseUnavailable') {
      return sendProblem(reply, { title: 'Warehouse not built', status: 503, detail: error.message });
    }
    const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'USAGE' ? 400 : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, {
      title: status === 404 ? 'Not found' : status === 400 ? 'Bad request' : 'Internal error',
      status,
      detail: status === 500 ? 'the server failed to answer; see its log' : error.message,
    });
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, { title: 'Bad request', status: error.statusCode, detail: error.message });
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, {
    title: 'Internal error',
    status: 500,
    detail: 'the server failed to answer; see its log',
  });
}

function lookup(request: FastifyRequest, context: string, parameter: string): unknown {
  const bag = (
    context === 'querystring' ? request.query : context === 'params' ? request.params : request.body
  ) as Record<string, unknown> | undefined;
  return parameter ? bag?.[parameter] : undefined;
}
