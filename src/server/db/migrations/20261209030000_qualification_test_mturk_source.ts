import { sql, type Kysely } from 'kysely';

/**
 * A qualification test made through the MTurk API keeps the XML it was made from (the
 * QuestionForm `Test` and the `AnswerKey`), because GetQualificationType answers with them as
 * they were given. A test saved through Tessera's own API clears them: the XML would no longer
 * describe it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table qualification_tests
    add column mturk_test_xml text,
    add column mturk_answer_key_xml text,
    add constraint qualification_tests_mturk_source_whole
      check ((mturk_test_xml is null) = (mturk_answer_key_xml is null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table qualification_tests
    drop column mturk_test_xml,
    drop column mturk_answer_key_xml`.execute(db);
}
