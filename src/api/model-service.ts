// The models the server predicts with: each registered model's champion, loaded once at start and verified
// against its checksum. A champion whose artifact is corrupted (or not a model) is refused with a logged,
// specific message and the previous champion (from the alias history) serves instead; a reload never replaces a
// working model with a broken one. Nothing is read from disk per prediction.
// `hardin serve` loads the champions after listening (`open(…, { background: true })`, then `load()`), so the
// first answer does not wait for them: until a model has loaded its status is `loading`, and `load()` settles once
// every model has loaded or been refused. src/ml (≈ 50 modules) is imported with the first artifact.
import { HardinError, describeError, type Logger } from '../core/index.js';
import type { FeatureColumns, TabularModel } from '../ml/index.js';
import type { BillOutcomeModel, BillSnapshot } from '../pipelines/index.js';
import { Registry, type ModelVersion } from '../registry/index.js';

type Ml = typeof import('../ml/index.js');
type Pipelines = typeof import('../pipelines/index.js');

export interface ServedModel {
  name: string;
  version: number;
  algorithm: string;
  /** A tabular classifier (glosa) or a bill-outcome model (its own featurisation inside). */
  model: TabularModel | BillOutcomeModel;
  meta: ModelVersion;
  loadedAt: string;
}

export interface ServingStatus {
  /**
   * ok: the champion serves; fallback: an earlier champion serves; unavailable: nothing can serve; loading: the
   * server has just started and is still loading the champion (background loading only).
   */
  status: 'ok' | 'fallback' | 'unavailable' | 'loading';
  version: number | null;
  algorithm: string | null;
  loadedAt: string | null;
  message: string | null;
}

export interface ModelServiceOptions {
  /** Resolve as soon as the registry is open; the champions load on the first `load()` (default: load first). */
  background?: boolean;
}

export class ModelService {
  private readonly served = new Map<string, ServedModel>();
  private readonly statuses = new Map<string, ServingStatus>();
  private ml: Ml | undefined;
  private pipelines: Pipelines | undefined;
  private loading: Promise<void> | undefined;
  private loaded = false;
  /** Why the registry could not be listed, when it could not. */
  private listError: string | undefined;

  private constructor(
    readonly registry: Registry,
    private readonly log: Logger | undefined,
    private readonly now: () => Date,
    private readonly openedAt: string,
  ) {}

  /**
   * Opens the registry of `home` and loads every registered model's champion; with `{ background: true }` only
   * opens it (every model is `loading` until `load()` has run; listing the registry parses every version's
   * metadata, so that waits too).
   * @example const models = await ModelService.open(home, log, undefined, { background: true }); void models.load()
   */
  static async open(
    home: string,
    log?: Logger,
    now: () => Date = () => new Date(),
    options: ModelServiceOptions = {},
  ): Promise<ModelService> {
    const service = new ModelService(await Registry.open(home), log, now, now().toISOString());
    if (!options.background) await service.load();
    return service;
  }

  /**
   * Loads every registered model's champion once; later calls wait for the same load. Never rejects: failures
   * become statuses (and are logged).
   */
  load(): Promise<void> {
    this.loading ??= (async () => {
      const names = await this.registry.listModels().then(
        (models) => models.map((m) => m.name),
        (error: unknown) => {
          this.listError = `the model registry could not be read: ${describeError(error)}`;
          this.log?.error({ err: error }, this.listError);
          return [];
        },
      );
      for (const name of names) {
        await this.reload(name).catch((error: unknown) => {
          // reload() turns every expected failure into a status; this is a bug, logged, the model unavailable.
          this.log?.error({ err: error, model: name }, `unexpected error loading model ${name}`);
          this.setStatus(
            name,
            undefined,
            'unavailable',
            `model ${name} could not be loaded: ${describeError(error)}`,
          );
        });
      }
      this.loaded = true;
    })();
    return this.loading;
  }

  /** Whether `load()` has started (a server that never listened has nothing to wait for on close). */
  get loadStarted(): boolean {
    return this.loading !== undefined;
  }

  get(name: string): ServedModel | undefined {
    return this.served.get(name);
  }

  status(name: string): ServingStatus {
    const known = this.statuses.get(name);
    if (known) return known;
    return {
      status: this.loaded ? 'unavailable' : 'loading',
      version: null,
      algorithm: null,
      loadedAt: null,
      message: this.loaded
        ? (this.listError ?? `model ${name} has no champion`)
        : `model ${name} is loading (server started at ${this.openedAt})`,
    };
  }

  /**
   * (Re)loads the champion of `name`. On failure keeps what already serves, else tries earlier champions.
   * @example await service.reload('glosa')
   */
  async reload(name: string): Promise<ServingStatus> {
    const aliases = await this.registry.getAliases(name).catch(() => undefined);
    const champion = aliases?.champion ?? null;
    if (champion === null) {
      this.setStatus(
        name,
        undefined,
        'unavailable',
        `model ${name} has no champion: promote a version first`,
      );
      return this.status(name);
    }
    const current = this.served.get(name);
    if (current?.version === champion) return this.status(name);
    const first = await this.tryLoad(name, champion);
    if (first.ok) {
      this.served.set(name, first.served);
      this.setStatus(name, first.served, 'ok', null);
      return this.status(name);
    }
    const refusal = `champion v${champion} of ${name} refused: ${first.error}`;
    this.log?.error({ model: name, version: champion }, refusal);
    if (current) {
      this.setStatus(name, current, 'fallback', `${refusal}; v${current.version} keeps serving`);
      return this.status(name);
    }
    // Earlier champions, most recent first.
    const earlier = [...(aliases?.history ?? [])]
      .reverse()
      .map((h) => h.before.champion)
      .filter((v): v is number => v !== null && v !== champion);
    for (const version of [...new Set(earlier)]) {
      const attempt = await this.tryLoad(name, version);
      if (attempt.ok) {
        this.served.set(name, attempt.served);
        this.setStatus(
          name,
          attempt.served,
          'fallback',
          `${refusal}; earlier champion v${version} serves instead`,
        );
        this.log?.warn({ model: name, version }, `serving earlier champion v${version} of ${name}`);
        return this.status(name);
      }
    }
    this.served.delete(name);
    this.setStatus(name, undefined, 'unavailable', `${refusal}; no earlier champion could be loaded`);
    return this.status(name);
  }

  /** Probabilities and decisions for rows already validated against the model's features. */
  predict(
    served: ServedModel,
    columns: FeatureColumns,
    n: number,
  ): { probability: number; predicted: boolean }[] {
    // A served model exists only once its artifact was loaded, and src/ml with it.
    if (!this.ml) throw new Error(`model ${served.name} serves before src/ml was loaded`);
    if (served.model.kind !== 'tabular_binary') {
      throw new Error(`model ${served.name} takes bills with their events, not feature rows`);
    }
    const probs = this.ml.predictTabular(served.model, columns, n);
    return Array.from(probs, (p) => ({ probability: p, predicted: p >= served.model.threshold }));
  }

  /** Probabilities and decisions for bills (with their events) already validated, with a bill-outcome model. */
  predictBills(
    served: ServedModel,
    snapshots: readonly BillSnapshot[],
  ): { probability: number; predicted: boolean }[] {
    if (served.model.kind !== 'bill_outcome' || !this.pipelines) {
      throw new Error(`model ${served.name} is not a bill-outcome model`);
    }
    const probs = this.pipelines.predictBillOutcome(served.model, snapshots);
    const threshold = served.model.threshold;
    return Array.from(probs, (p) => ({ probability: p, predicted: p >= threshold }));
  }

  private async tryLoad(
    name: string,
    version: number,
  ): Promise<{ ok: true; served: ServedModel } | { ok: false; error: string }> {
    try {
      const [ml, loaded] = await Promise.all([
        this.ml ?? import('../ml/index.js'),
        this.registry.loadArtifact(name, version),
      ]);
      this.ml = ml;
      const where = `model ${name} v${version}`;
      if ((loaded.artifact as { kind?: unknown } | null)?.kind === 'bill_outcome') {
        // The bill featurisation lives with the training pipeline; loaded only when such a model serves.
        const pipelines = this.pipelines ?? (await import('../pipelines/index.js'));
        this.pipelines = pipelines;
        const assertBill: Pipelines['assertBillOutcomeModel'] = pipelines.assertBillOutcomeModel;
        assertBill(loaded.artifact, where);
      } else {
        const assertTabularModel: Ml['assertTabularModel'] = ml.assertTabularModel;
        assertTabularModel(loaded.artifact, where);
      }
      return {
        ok: true,
        served: {
          name,
          version,
          algorithm: loaded.version.algorithm,
          model: loaded.artifact,
          meta: loaded.version,
          loadedAt: this.now().toISOString(),
        },
      };
    } catch (error) {
      if (!(error instanceof HardinError))
        this.log?.error({ err: error }, 'unexpected error loading a model');
      return { ok: false, error: describeError(error) };
    }
  }

  private setStatus(
    name: string,
    served: ServedModel | undefined,
    status: ServingStatus['status'],
    message: string | null,
  ): void {
    this.statuses.set(name, {
      status,
      version: served?.version ?? null,
      algorithm: served?.algorithm ?? null,
      loadedAt: served?.loadedAt ?? null,
      message,
    });
  }
}
