/** `preact/hooks` for the separately built later part: the page bundle's (see ../kit.ts). */
import type * as hooks from 'preact/hooks';
import { kit } from '../kit.ts';

export const useEffect: typeof hooks.useEffect = (effect, inputs) => kit().useEffect(effect, inputs);
export const useRef = ((initial?: unknown) => kit().useRef(initial)) as typeof hooks.useRef;
