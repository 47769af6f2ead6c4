// Connect to District asks before a token and the uploaded CSVs (with passwords) travel over
// plain HTTP to another computer: which addresses that decision covers.
import * as assert from 'node:assert/strict';
import { isLoopbackHost, plainHttpRisk } from '../../core/importApi/transport';

describe('plainHttpRisk: plain http:// to another computer', () => {
  it('warns for http:// to a host name or address that is not this computer', () => {
    assert.deepEqual(plainHttpRisk('http://imports.example.org'), { host: 'imports.example.org' });
    assert.deepEqual(plainHttpRisk('  http://imports.example.org:8080/api/v1 '), { host: 'imports.example.org:8080' });
    assert.deepEqual(plainHttpRisk('HTTP://10.0.0.5/'), { host: '10.0.0.5' });
    assert.deepEqual(plainHttpRisk('http://192.168.1.20:7412'), { host: '192.168.1.20:7412' });
    assert.deepEqual(plainHttpRisk('http://[2001:db8::1]:80/'), { host: '[2001:db8::1]' });
    // Look-alikes of loopback names are other computers.
    assert.deepEqual(plainHttpRisk('http://localhost.example.org/'), { host: 'localhost.example.org' });
    assert.deepEqual(plainHttpRisk('http://127.0.0.1.example.org/'), { host: '127.0.0.1.example.org' });
    assert.deepEqual(plainHttpRisk('http://128.0.0.1/'), { host: '128.0.0.1' });
    assert.deepEqual(plainHttpRisk('http://[::2]/'), { host: '[::2]' });
  });

  it('does not warn for https://, whatever the host', () => {
    assert.equal(plainHttpRisk('https://imports.example.org'), undefined);
    assert.equal(plainHttpRisk('https://10.0.0.5:8443/api/v1'), undefined);
  });

  it('does not warn for http:// to loopback: 127.0.0.0/8, ::1 and localhost (the local sandbox)', () => {
    for (const url of [
      'http://127.0.0.1:33199',
      'http://127.0.0.1:33199/api/v1',
      'http://127.1.2.3/',
      'http://127.255.255.254/',
      'http://127.1/', // URL reads this as 127.0.0.1
      'http://localhost:7412',
      'http://LOCALHOST./',
      'http://[::1]:7412/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      assert.equal(plainHttpRisk(url), undefined, url);
    }
  });

  it('leaves what is not an http(s) URL to the address check', () => {
    assert.equal(plainHttpRisk('not a url'), undefined);
    assert.equal(plainHttpRisk('ftp://imports.example.org'), undefined);
  });

  it('isLoopbackHost reads hostnames as URL gives them', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('::1'), false, 'URL.hostname keeps the brackets');
    assert.equal(isLoopbackHost('126.255.255.255'), false);
    assert.equal(isLoopbackHost('imports.example.org'), false);
  });
});
