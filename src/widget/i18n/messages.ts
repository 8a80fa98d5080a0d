import type { en } from './en.ts';
import type { enLater } from './en-later.ts';

/**
 * Every text of the widget, in one language: the first screen's (en.ts) and the later steps'
 * (en-later.ts). A catalogue of another language (es.ts) holds all of them in one file.
 */
export type Messages = typeof en & typeof enLater;
