import { configure } from '@testing-library/preact';

/**
 * Setup file of the `dom-fresh` project, whose files watch a module load for the first time in a
 * module graph of their own: that first import goes through Vite's transform, which takes seconds
 * on a loaded machine, longer than Testing Library's default one-second wait.
 */
configure({ asyncUtilTimeout: 10_000 });
