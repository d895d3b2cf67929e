import { git } from './run-git.js';

/** A person as `.mailmap` names them: canonical name and e-mail. */
export interface Person {
  name: string;
  email: string;
}

/** Maps an author as a commit records them to the person `.mailmap` says they are. */
export type MailMap = (name: string, email: string) => Person;

// Contacts per `check-mailmap` call: far below the OS argument limit for any name length.
const CONTACTS_PER_CALL = 500;
const CONTACT = /^(.*) <([^<>]*)>$/;

/**
 * The repository's mailmap (`.mailmap`, `mailmap.file`, `mailmap.blob`) for the given authors,
 * asked of git itself (`check-mailmap`, as `%aN`/`%aE` would apply it) in a call per 500
 * authors. Applied when notes are written rather than stored in the commit cache, so an edit
 * of `.mailmap` counts at once.
 */
export async function readMailMap(repo: string, authors: Iterable<Person>): Promise<MailMap> {
  const contacts = [...new Set([...authors].map(({ name, email }) => `${name} <${email}>`))].filter(
    // git cannot be asked about a contact it could not parse back.
    (contact) => CONTACT.test(contact) && !contact.includes('\n'),
  );
  const mapped = new Map<string, Person>();
  for (let i = 0; i < contacts.length; i += CONTACTS_PER_CALL) {
    const batch = contacts.slice(i, i + CONTACTS_PER_CALL);
    const out = (await git(repo, ['check-mailmap', '--', ...batch])).split('\n');
    batch.forEach((contact, n) => {
      const match = CONTACT.exec(out[n] ?? '');
      if (match && out[n] !== contact) mapped.set(contact, { name: match[1]!, email: match[2]! });
    });
  }
  return (name, email) => mapped.get(`${name} <${email}>`) ?? { name, email };
}

/** The authors of `commits`, each once. */
export function* authorsOf(commits: Iterable<{ authorName: string; authorEmail: string }>): Iterable<Person> {
  const seen = new Set<string>();
  for (const { authorName: name, authorEmail: email } of commits) {
    const key = `${name}\0${email}`;
    if (seen.has(key)) continue;
    seen.add(key);
    yield { name, email };
  }
}
