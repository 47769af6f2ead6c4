/** E-mail through a real SMTP server on loopback (smtp-server), with SMTP authentication. */
import * as assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { csv, request, staff, student } from './helpers/fixtures';
import { newKey, ServiceProcess } from './helpers/serviceProcess';

interface Received {
  envelopeFrom: string;
  envelopeTo: string[];
  user: string | undefined;
  raw: string;
}

function header(raw: string, name: string): string | undefined {
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1];
}

describe('import service: e-mail through SMTP', function () {
  const received: Received[] = [];
  let smtp: SMTPServer;
  let port: number;
  let service: ServiceProcess;

  before(async function () {
    smtp = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 'smtp-secret-42') callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    port = (smtp.server.address() as AddressInfo).port;
    service = await ServiceProcess.start({
      args: ['--smtp-host', '127.0.0.1', '--smtp-port', String(port), '--smtp-user', 'mailer', '--mail-from', 'Imports <imports@district.example.org>', '--sign-in-url', 'https://classworks.example.org/login'],
      env: { CLASSWORKS_SMTP_PASSWORD: 'smtp-secret-42' },
    });
  });

  after(async function () {
    await service?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends each staff user their login and the submitter the completion, authenticated', async function () {
    const client = service.client();
    await client.seedDistrict({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }], admin: { email: 'admin@district.example.org' } });
    const rows = [staff('4001', { 'First Name': 'Ada', Username: 'alovelace' }), staff('4002'), staff('4003'), student('4004')];
    const { import: submitted } = await client.submit(request(csv(rows), { fileName: 'staff.csv', options: { emailStaff: true } }), newKey());
    await client.waitForImport(submitted.number);
    await service.waitUntil('4 e-mails over SMTP', () => (received.length >= 4 ? true : undefined));
    assert.equal(received.length, 4);
    assert.ok(received.every((m) => m.user === 'mailer'), 'the service authenticated');
    assert.ok(received.every((m) => m.envelopeFrom === 'imports@district.example.org'));
    const logins = received.filter((m) => header(m.raw, 'X-Classworks-Mail-Kind') === 'staff-login');
    assert.deepEqual(logins.map((m) => m.envelopeTo[0]).sort(), ['t4001@lincoln.example.org', 't4002@lincoln.example.org', 't4003@lincoln.example.org']);
    const ada = logins.find((m) => m.envelopeTo[0] === 't4001@lincoln.example.org')!;
    assert.equal(header(ada.raw, 'Subject'), 'Your Classworks login information');
    assert.match(ada.raw, /Hello Ada Mills,/);
    assert.match(ada.raw, /Username: alovelace/);
    assert.match(ada.raw, /Sign in:\s+https:\/\/classworks\.example\.org\/login/);
    assert.match(ada.raw, /does not contain it/);
    for (const m of received) {
      for (const row of rows) assert.equal(m.raw.includes(row.Password as string), false, 'no password in any e-mail');
    }
    const completion = received.find((m) => header(m.raw, 'X-Classworks-Mail-Kind') === 'import-completed')!;
    assert.deepEqual(completion.envelopeTo, ['admin@district.example.org']);
    assert.equal(header(completion.raw, 'Subject'), `Classworks import ${submitted.number} completed`);
    assert.match(completion.raw, /Users created:\s+4/);
    assert.equal(header(completion.raw, 'X-Classworks-Import'), submitted.number);
  });

  it('without "email staff", only the submitter hears', async function () {
    const client = service.client();
    const before = received.length;
    const { import: submitted } = await client.submit(request(csv([staff('4101')]), { fileName: 'staff.csv' }), newKey());
    await client.waitForImport(submitted.number);
    await service.waitUntil('the completion e-mail', () => (received.length > before ? true : undefined));
    await service.waitForStderr(new RegExp(`mail \\d+ \\(import-completed, import ${submitted.number}\\) sent`));
    assert.equal(received.length, before + 1);
    assert.equal(header(received[before]!.raw, 'X-Classworks-Mail-Kind'), 'import-completed');
  });

  it('an SMTP failure does not fail the import; the mail waits for a retry', async function () {
    const broken = await ServiceProcess.start({
      args: ['--smtp-host', '127.0.0.1', '--smtp-port', String(port), '--smtp-user', 'mailer'],
      env: { CLASSWORKS_SMTP_PASSWORD: 'wrong-password' },
    });
    try {
      const client = broken.client();
      const { import: submitted } = await client.submit(request(csv([staff('4201')]), { fileName: 'staff.csv', options: { emailStaff: true } }), newKey());
      assert.equal((await client.waitForImport(submitted.number)).status, 'Completed');
      await broken.waitForStderr(/mail \d+ \(staff-login\) not sent: .*; will retry/);
      assert.equal(broken.stderr.includes('wrong-password'), false, 'the SMTP password is not logged');
    } finally {
      await broken.stop();
    }
  });
});
