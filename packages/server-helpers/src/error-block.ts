import type { GatewayErrorDetail } from './errors.ts';
import { type FormFields, fieldValue, indexedFields, indexedRecords } from './form.ts';

/**
 * Reads the gateway's error block (`errors=N` + `error.{i}.*`, qenta-protocol §4.2). Returns an
 * empty list when the body has none. PHP-style underscore names (`error_1_message`, what a PHP
 * front end turns dots into) are accepted too.
 *
 * @example
 * ```ts
 * parseErrorBlock(decodeForm(body).fields); // [{ errorCode: '11017', message: 'Amount is missing.', … }]
 * ```
 */
export function parseErrorBlock(fields: Readonly<FormFields>): GatewayErrorDetail[] {
  let records = indexedRecords(fields, 'error');
  if (records.length === 0) records = indexedRecords(underscoresToDots(fields), 'error');
  return records.map((record) => ({
    errorCode: fieldValue(record, 'errorCode') ?? '',
    message: fieldValue(record, 'message') ?? '',
    consumerMessage: fieldValue(record, 'consumerMessage') ?? '',
    ...optional('paySysMessage', fieldValue(record, 'paySysMessage')),
    ...optional('providerMessage', fieldValue(record, 'providerMessage')),
  }));
}

/**
 * Writes an error block: `errors=N` and `error.{i}.*` (the emulator's answers, FAILURE confirms).
 *
 * @example
 * ```ts
 * errorBlockFields([{ errorCode: '11017', message: 'Amount is missing.', consumerMessage: '…' }]);
 * ```
 */
export function errorBlockFields(errors: readonly GatewayErrorDetail[]): FormFields {
  return {
    ...indexedFields(
      'error',
      errors.map((error) => ({ ...error })),
    ),
    errors: String(errors.length),
  };
}

function underscoresToDots(fields: Readonly<FormFields>): FormFields {
  const converted: [string, string][] = [];
  for (const [name, value] of Object.entries(fields)) {
    const match = /^error_(\d+)_(\w+)$/.exec(name);
    if (match) converted.push([`error.${match[1]}.${match[2]}`, value]);
  }
  return Object.fromEntries(converted);
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
