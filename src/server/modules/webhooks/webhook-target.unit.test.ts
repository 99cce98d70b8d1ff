import { describe, expect, it } from 'vitest';
import { isPublicAddress, resolveWebhookTarget, type HostLookup } from './webhook-target.js';

const answers =
  (...addresses: string[]): HostLookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2001:db8::1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:93.184.216.34'])(
    'accepts %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('resolveWebhookTarget', () => {
  const strict = (lookup: HostLookup) => ({ lookup, allowPrivate: false });

  it('connects to the checked address of a public host', async () => {
    const target = await resolveWebhookTarget(
      'https://hooks.example.com/in',
      strict(answers('93.184.216.34')),
    );
    expect(target).toMatchObject({ address: '93.184.216.34', family: 4 });
    expect(target.url.hostname).toBe('hooks.example.com');
  });

  it('refuses a host with any private address among its answers', async () => {
    await expect(
      resolveWebhookTarget(
        'https://mixed.example.com/',
        strict(answers('93.184.216.34', '10.0.0.5')),
      ),
    ).rejects.toThrow(/private or reserved/);
  });

  it('refuses loopback and private literals, IPv4-mapped IPv6 included', async () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://[::ffff:7f00:1]/',
      'https://169.254.169.254/latest/meta-data',
      'https://0x7f000001/',
    ]) {
      await expect(resolveWebhookTarget(url, strict(answers()))).rejects.toThrow(
        /private or reserved/,
      );
    }
  });

  it('refuses http, credentials and names that do not resolve', async () => {
    await expect(
      resolveWebhookTarget('http://hooks.example.com/', strict(answers('93.184.216.34'))),
    ).rejects.toThrow('must be an https URL');
    await expect(
      resolveWebhookTarget('https://u:p@hooks.example.com/', strict(answers('93.184.216.34'))),
    ).rejects.toThrow(/user name or password/);
    const failing: HostLookup = async () => {
      throw new Error('ENOTFOUND');
    };
    await expect(resolveWebhookTarget('https://nowhere.invalid/', strict(failing))).rejects.toThrow(
      'cannot be resolved',
    );
  });

  it('allows loopback and http when the operator allows private targets', async () => {
    const target = await resolveWebhookTarget('http://127.0.0.1:22810/hook', {
      lookup: answers(),
      allowPrivate: true,
    });
    expect(target).toMatchObject({ address: '127.0.0.1', family: 4 });
  });
});
