/**
 * One fast-check seed per commit (vitest.config.ts derives FC_SEED from the
 * checkout's HEAD): CI on a commit runs the very property cases that a
 * clean-clone run of the same commit ran, while each new commit tries new
 * ones. `FC_SEED=random` draws a new seed per run; a failure prints its seed.
 */
import fc from 'fast-check';

const seed = Number(process.env['FC_SEED']);
if (Number.isSafeInteger(seed)) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
