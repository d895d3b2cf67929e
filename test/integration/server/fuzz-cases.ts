import type { Piece } from './raw-http.js';

/** One malformed request: what to write, and whether the sender walks away instead of waiting. */
export interface FuzzCase {
  family: string;
  pieces: Piece[];
  abandon?: boolean;
}

/** mulberry32: the same cases on every run. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = [
  'audit.verify',
  'app.info',
  'repository.recent',
  'repository.open',
  'release.plan',
  'train.status',
];

export function fuzzCases(count: number, port: number, token: string, seed = 12): FuzzCase[] {
  const rnd = random(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const host = `127.0.0.1:${port}`;
  const goodAuth = [`Host: ${host}`, `X-Release-Desk-Token: ${token}`];
  const request = (line: string, headers: string[], body: string | Buffer = '') => [
    `${line}\r\n${[...headers, `Content-Length: ${Buffer.byteLength(body)}`].join('\r\n')}\r\n\r\n`,
    body,
  ];

  const targets = () =>
    pick([
      'http://[',
      'http://]',
      '*',
      '//evil.example/x',
      '/%',
      '/%zz',
      '/%00',
      '/\x7f',
      `/${'a'.repeat(1 + int(8000))}`,
      `/api/${bytes(1 + int(20)).toString('hex')}`,
      `${'/..'.repeat(1 + int(20))}/etc/passwd`,
      `/api/audit.verify?token=${token}`,
      `http://${host}/api/audit.verify`,
      '/api/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/api',
      '/api/',
      '/api/%E0%A4%A',
      `/${encodeURIComponent(bytes(8).toString('latin1'))}`,
    ]);
  const bodies = () =>
    pick<string | Buffer>([
      '{',
      '}',
      'null',
      '[]',
      '"x"',
      '{"path": 42}',
      '{"path": ""}',
      `{"path": "${'p'.repeat(5000)}"}`,
      '{"__proto__": {"polluted": true}, "path": ["x"]}',
      '['.repeat(5000 + int(50_000)),
      Buffer.from([0xff, 0xfe, 0xfd]),
      bytes(1 + int(2000)),
      '{"limit": -1}',
      '{"path": "/nonexistent/\\u0000/x"}',
    ]);

  const families: Record<string, () => FuzzCase['pieces'] | { pieces: Piece[]; abandon: boolean }> = {
    target: () => request(`${pick(['GET', 'POST'])} ${targets()} HTTP/1.1`, goodAuth, '{}'),
    method: () =>
      request(
        `${pick(['PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'FOO', 'G\tET', 'CONNECT'])} ${pick(['/', '/api/audit.verify', `${host}`])} ${pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'FOO', ''])}`,
        goodAuth,
      ),
    header: () =>
      request(
        `POST /api/${pick(CHANNELS)} HTTP/1.1`,
        pick([
          [...goodAuth, 'NoColonHere'],
          [...goodAuth, 'Bad\x00Name: x'],
          [...goodAuth, ' leading: space'],
          [...goodAuth, `X-Big: ${'b'.repeat(10_000 + int(30_000))}`],
          [...goodAuth, 'Content-Length: -1'],
          [...goodAuth, 'Content-Length: abc'],
          [...goodAuth, 'Content-Length: 5', 'Content-Length: 7'],
          [...goodAuth, 'Transfer-Encoding: gzip'],
          [...goodAuth, 'Expect: something'],
          [...goodAuth, 'Upgrade: websocket', 'Connection: Upgrade'],
          [...goodAuth, `X-Release-Desk-Token: ${token}`],
          [`Host: ${host}`, `Host: evil.example`, `X-Release-Desk-Token: ${token}`],
          [...goodAuth, `Origin: ${pick(['null', 'https://evil.example', `http://${host}.evil`])}`],
        ]),
        '{}',
      ),
    json: () => request(`POST /api/${pick(CHANNELS)} HTTP/1.1`, goodAuth, bodies()),
    token: () =>
      request(
        `POST /api/${pick(CHANNELS)}${pick(['', `?token=${token}`])} HTTP/1.1`,
        [
          pick([`Host: ${host}`, 'Host: evil.example', `Host: localhost:${port}`, 'Host: ']),
          ...pick([
            [],
            ['X-Release-Desk-Token: wrong'],
            [`X-Release-Desk-Token: ${token.slice(0, -1)}`],
            [`X-Release-Desk-Token: ${token}x`],
            [`X-Release-Desk-Token: ${'t'.repeat(5000)}`],
            [`Authorization: Bearer ${token}`],
          ]),
        ],
        '{}',
      ),
    huge: () =>
      int(10) === 0
        ? [
            `POST /api/audit.verify HTTP/1.1\r\n${goodAuth.join('\r\n')}\r\nTransfer-Encoding: chunked\r\n\r\n`,
            ...Array.from({ length: 18 }, () => `10000\r\n${'z'.repeat(0x10000)}\r\n`),
            '0\r\n\r\n',
          ]
        : [
            `POST /api/audit.verify HTTP/1.1\r\n${goodAuth.join('\r\n')}\r\nContent-Length: ${2 ** 20 + 1 + int(2 ** 30)}\r\n\r\n`,
            bytes(int(4096)),
          ],
    slow: () => {
      const whole = request(`POST /api/${pick(CHANNELS)} HTTP/1.1`, goodAuth, '{}').join('');
      const cut = 1 + int(whole.length - 2);
      const abandon = rnd() < 0.5;
      const pieces: Piece[] = [whole.slice(0, cut), { pauseMs: 20 + int(200) }];
      if (!abandon) pieces.push(whole.slice(cut));
      return { pieces, abandon };
    },
    garbage: () => [bytes(1 + int(3000)), '\r\n\r\n'],
  };
  const names = Object.keys(families);
  return Array.from({ length: count }, (_, i) => {
    const family = names[i % names.length]!;
    const made = families[family]!();
    return Array.isArray(made) ? { family, pieces: made } : { family, ...made };
  });
}
