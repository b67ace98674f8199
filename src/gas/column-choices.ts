// The team's confirmed reading of the tracker's header, kept in document properties for every reader.

import { type ColumnChoices, columnChoicesFrom } from '../domain/columns';
import { documentProperties } from './properties';

/** Where adoption keeps the readings matching alone would not give (see ColumnChoices). */
export const columnChoicesKey = 'tracker.columnChoices';

/** The stored reading (one property read); none when nothing was stored or it is not ours. */
export function storedColumnChoices(): ColumnChoices {
  return columnChoicesFrom(documentProperties()?.getProperty(columnChoicesKey));
}
