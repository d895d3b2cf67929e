import { git } from './run-git.js';

/** A person as `.mailmap` names them: canonical name and e-mail. */
export interface Person {
  name: string;
  email: string;
}

/**
 * Maps an author as a commit records them to the person `.mailmap` says they are. `changes`:
 * the authors asked about that it names otherwise, each as `Name <email>\0name\0email`, sorted
 * (what a kept changelog section depends on, see release-sections.ts).
 */
export type MailMap = ((name: string, email: string) => Person) & { readonly changes: readonly string[] };

const CONTACT = /^(.*) <([^<>]*)>$/;

/**
 * The repository's mailmap (`.mailmap`, `mailmap.file`, `mailmap.blob`) for the given authors,
 * asked of git itself (`check-mailmap --stdin`, as `%aN`/`%aE` would apply it) in one call
 * however many authors. Applied when notes are written rather than stored in the commit cache, so an edit
 * of `.mailmap` counts at once.
 */
export async function readMailMap(repo: string, authors: Iterable<Person>): Promise<MailMap> {
  const contacts = [...new Set([...authors].map(({ name, email }) => `${name} <${email}>`))].filter(
    // git cannot be asked about a contact it could not parse back.
    (contact) => CONTACT.test(contact) && !contact.includes('\n'),
  );
  const mapped = new Map<string, Person>();
  if (contacts.length === 0)
    return Object.assign((name: string, email: string) => ({ name, email }), { changes: [] });
  const out = (await git(repo, ['check-mailmap', '--stdin'], { input: `${contacts.join('\n')}\n` })).split(
    '\n',
  );
  contacts.forEach((contact, n) => {
    const match = CONTACT.exec(out[n] ?? '');
    if (match && out[n] !== contact) mapped.set(contact, { name: match[1]!, email: match[2]! });
  });
  // One Person per author however many commits ask: a changelog asks once per commit.
  const people = new Map<string, Map<string, Person>>();
  const lookUp = (name: string, email: string): Person => {
    let byEmail = people.get(name);
    if (!byEmail) people.set(name, (byEmail = new Map()));
    let person = byEmail.get(email);
    if (!person) byEmail.set(email, (person = mapped.get(`${name} <${email}>`) ?? { name, email }));
    return person;
  };
  const changes = [...mapped].map(([contact, { name, email }]) => `${contact}\0${name}\0${email}`).sort();
  return Object.assign(lookUp, { changes });
}

/** The authors of `commits`, each once. */
export function* authorsOf(commits: Iterable<{ authorName: string; authorEmail: string }>): Iterable<Person> {
  // By name, then e-mail: no key string made per commit.
  const seen = new Map<string, Set<string>>();
  for (const { authorName: name, authorEmail: email } of commits) {
    let emails = seen.get(name);
    if (!emails) seen.set(name, (emails = new Set()));
    if (emails.has(email)) continue;
    emails.add(email);
    yield { name, email };
  }
}
