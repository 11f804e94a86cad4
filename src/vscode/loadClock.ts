/**
 * When this bundle started to evaluate (the first module of extension.ts's imports): activation time in the
 * editor bench starts here, not at activate(), since reading and evaluating the bundle is part of it.
 */
import { performance } from 'node:perf_hooks';

export const loadStarted = performance.now();
