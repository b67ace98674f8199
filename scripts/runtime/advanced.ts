// The advanced services a project enables in appsscript.json, each under the name it chose.

import { BigQueryAdvancedImpl } from './advanced-bigquery';
import { SheetsAdvancedImpl } from './advanced-sheets';
import type { RuntimeEnv } from './env';

const makers: Record<string, (env: RuntimeEnv) => object> = {
  sheets: (env) => new SheetsAdvancedImpl(env),
  bigquery: (env) => new BigQueryAdvancedImpl(env),
};

/** `{ Sheets: ..., BigQuery: ... }` for the services the manifest lists (unknown ones are absent). */
export function advancedServices(env: RuntimeEnv): Record<string, object> {
  const out: Record<string, object> = {};
  for (const service of env.project.manifest.dependencies?.enabledAdvancedServices ?? []) {
    const make = makers[service.serviceId];
    if (make) out[service.userSymbol] = make(env);
  }
  return out;
}
