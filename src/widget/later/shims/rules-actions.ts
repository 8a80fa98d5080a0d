/** `actions/rules.ts` for the separately built later part: the page bundle's (see ../kit.ts). */
import type * as rules from '../../actions/rules.ts';
import { kit } from '../kit.ts';

export const chooseInitial: typeof rules.chooseInitial = (store) => kit().chooseInitial(store);
export const refreshRules: typeof rules.refreshRules = (store) => kit().refreshRules(store);
export const startCalendar: typeof rules.startCalendar = (store) => kit().startCalendar(store);
