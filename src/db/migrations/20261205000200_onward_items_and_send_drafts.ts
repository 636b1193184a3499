// Frozen migration: onward agreement item by item, and the send form's draft.
//
// An originator agrees or refuses each of its items separately when asked to let a recipient pass
// information on (Southampton 2010 s.10–11 and s.18 item 13; Derby 2015 s.5 para. 7): one row per
// item answered, agreed or not (the reasons for a refusal are sealed with the agreement). An
// agreement answered before this is read as the same answer for each of the originator's items in
// the information it was about. An agreement part agreed and part refused is 'partly_agreed'.
//
// The send form is filled in item by item across several pages (adding or removing an item posts
// and redirects back): what has been typed so far is kept as a draft of the disclosure, sealed with
// its own data key, one per decision, until it is sent.
import { sql, type Kysely } from 'kysely';

const statements = [
  `
    create table onward_agreement_item (
      partnership_id uuid not null,
      agreement_id uuid not null,
      item_id uuid not null,
      agreed boolean not null,
      primary key (partnership_id, agreement_id, item_id),
      foreign key (partnership_id, agreement_id) references onward_agreement(partnership_id, id),
      foreign key (partnership_id, item_id) references disclosure_item(partnership_id, id)
    )
  `,
  `create index onward_agreement_item_item on onward_agreement_item (partnership_id, item_id)`,
  `
    insert into onward_agreement_item (partnership_id, agreement_id, item_id, agreed)
    select g.partnership_id, g.id, i.id, g.status = 'agreed'
    from onward_agreement g
    join disclosure_item i on i.partnership_id = g.partnership_id and i.disclosure_id = g.disclosure_id and i.originator_agency_id = g.originator_agency_id
    where g.status in ('agreed', 'refused')
  `,
  `
    create table disclosure_draft (
      partnership_id uuid not null,
      decision_id uuid not null,
      user_id uuid not null,
      sealed jsonb not null,
      saved_at timestamptz not null,
      primary key (partnership_id, decision_id),
      foreign key (partnership_id, decision_id) references decision(partnership_id, id),
      foreign key (partnership_id, user_id) references staff_user(partnership_id, id)
    )
  `,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reversed.');
}
