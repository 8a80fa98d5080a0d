/** `preact/jsx-runtime` for the separately built later part: the page bundle's (see ../kit.ts). */
import type * as runtime from 'preact/jsx-runtime';
import { kit } from '../kit.ts';

export const jsx = ((...args: Parameters<typeof runtime.jsx>) => kit().jsx(...args)) as typeof runtime.jsx;
export const jsxs = ((...args: Parameters<typeof runtime.jsxs>) =>
  kit().jsxs(...args)) as typeof runtime.jsxs;
export const Fragment: typeof runtime.Fragment = (props) => kit().Fragment(props);
