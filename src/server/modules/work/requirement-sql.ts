import { sql, type RawBuilder } from 'kysely';

/**
 * The SQL twin of `satisfiesRequirement` (qualifications/requirements.ts), so the feed can leave
 * out projects a worker does not qualify for inside the query instead of after it. `r` is one
 * requirement (jsonb), `v` the worker's values keyed by type id (jsonb). A property test checks
 * the two agree on random requirements and values.
 */
export function requirementMetSql(
  r: RawBuilder<unknown>,
  v: RawBuilder<unknown>,
): RawBuilder<boolean> {
  const id = sql`(${r}->>'qualificationTypeId')`;
  const value = sql`(${v}->${id})`;
  const comparator = sql`(${r}->>'comparator')`;
  const integers = sql`coalesce(${r}->'integerValues', '[]'::jsonb)`;
  const locales = sql`coalesce(${r}->'localeValues', '[]'::jsonb)`;
  const number = sql`(${v}->>${id})::numeric`;
  const firstInteger = sql`(${integers}->>0)::numeric`;
  return sql<boolean>`coalesce(case
    when ${comparator} = 'Exists' then ${v} ? ${id}
    when ${comparator} = 'DoesNotExist' then not (${v} ? ${id})
    when not (${v} ? ${id}) then false
    when jsonb_typeof(${value}) = 'number' then jsonb_array_length(${integers}) > 0 and case ${comparator}
      when 'EqualTo' then ${number} = ${firstInteger}
      when 'NotEqualTo' then ${number} <> ${firstInteger}
      when 'GreaterThan' then ${number} > ${firstInteger}
      when 'GreaterThanOrEqualTo' then ${number} >= ${firstInteger}
      when 'LessThan' then ${number} < ${firstInteger}
      when 'LessThanOrEqualTo' then ${number} <= ${firstInteger}
      when 'In' then ${value} in (select e from jsonb_array_elements(${integers}) e)
      when 'NotIn' then not (${value} in (select e from jsonb_array_elements(${integers}) e))
      else false end
    else jsonb_array_length(${locales}) > 0 and case ${comparator}
      when 'EqualTo' then ${value} = ${locales}->0
      when 'NotEqualTo' then ${value} <> ${locales}->0
      when 'In' then ${value} in (select e from jsonb_array_elements(${locales}) e)
      when 'NotIn' then not (${value} in (select e from jsonb_array_elements(${locales}) e))
      else false end
  end, false)`;
}
