import type { Keys } from '@remotegpu/common/keys';
import type { Logger } from '@remotegpu/common/logger';
import type { Store } from '@remotegpu/common/store';
import type { Sequelize, Transaction } from 'sequelize';
import type { ControlEnv } from './env';
import type { Limiters } from './lib/limiters';
import type { User } from './models';

// What every handler can reach: shared services on ctx.deps, per-request state on ctx.state.
export interface Deps {
  env: ControlEnv;
  sequelize: Sequelize;
  store: Store;
  keys: Keys;
  logger: Logger;
  limiters: Limiters;
  recordingsDir: string;
  webDistDir: string | null;
}

export interface AuthClaims { sub: number; role: string; tid: number | null; jti: string; fam: string; exp: number; ims: number }

export interface AppState {
  requestId: string;
  user?: User;
  auth?: AuthClaims;
  input?: unknown;
  tx?: Transaction;
}

declare module 'koa' {
  interface DefaultContext { deps: Deps }
  interface DefaultState extends AppState {}
}
