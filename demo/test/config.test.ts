import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceCart } from '../server/cart.ts';
import { DEMO_ACCOUNT, gatewayFromEnv, portFromEnv } from '../server/config.ts';

describe('gateway settings from the environment', () => {
  it('uses the emulator with the demo account when no QENTA_* variable is set', () => {
    assert.deepEqual(gatewayFromEnv({}), { mode: 'emulator', ...DEMO_ACCOUNT });
  });

  it('uses the real gateway when the QENTA_* variables are set', () => {
    const settings = gatewayFromEnv({
      QENTA_BASE_URL: 'https://api.qenta.com/seamless',
      QENTA_CUSTOMER_ID: 'D200411',
      QENTA_SHOP_ID: 'seamless',
      QENTA_SECRET: 'top-secret-value',
      QENTA_BACKEND_PASSWORD: 'pw',
    });
    assert.equal(settings.mode, 'real');
    assert.equal(settings.baseUrl, 'https://api.qenta.com/seamless');
    assert.equal(settings.shopId, 'seamless');
  });

  it('names the missing variables without echoing any secret', () => {
    assert.throws(
      () => gatewayFromEnv({ QENTA_SECRET: 'top-secret-value' }),
      (error: Error) =>
        /Missing: QENTA_BASE_URL, QENTA_CUSTOMER_ID/.test(error.message) &&
        !error.message.includes('top-secret-value'),
    );
  });

  it('refuses a port that is not one', () => {
    assert.equal(portFromEnv({}, 'SHOP_PORT', 8787), 8787);
    assert.equal(portFromEnv({ SHOP_PORT: '9000' }, 'SHOP_PORT', 8787), 9000);
    assert.throws(() => portFromEnv({ SHOP_PORT: 'eighty' }, 'SHOP_PORT', 8787), /SHOP_PORT/);
  });
});

describe('cart pricing', () => {
  it('prices from the catalogue, ignores unknown products and caps quantities', () => {
    const cart = priceCart({ mug: 2, 'no-such-thing': 5 } as Record<string, number>);
    assert.equal(cart.lines.length, 1);
    assert.equal(cart.subtotalCents, 3600);
    assert.equal(cart.shippingCents, 490);
    assert.equal(cart.totalCents, 4090);
    assert.equal(priceCart({ mug: 500 }).lines[0]?.quantity, 20);
  });

  it('applies a known discount code before free shipping is decided', () => {
    const cart = priceCart({ 'hand-grinder': 1 }, 'welcome10');
    assert.equal(cart.discountCode, 'WELCOME10');
    assert.equal(cart.discountCents, 690);
    assert.equal(cart.shippingCents, 0);
    assert.equal(cart.totalCents, 6210);
    assert.equal(priceCart({ mug: 1 }, 'BOGUS').discountCents, 0);
  });
});
