import type Router from '@koa/router';
import { authRouter } from './auth';
import { healthRouter } from './health';

export const routers: Router[] = [healthRouter, authRouter];
