/** The catalogue page: products and "Add to cart". */
import {
  ApiError,
  api,
  type Cart,
  h,
  price,
  renderChrome,
  showAlert,
  updateCartCount,
} from '../shop.ts';

interface Product {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  image: string;
}

async function addToCart(product: Product, button: HTMLButtonElement) {
  button.disabled = true;
  try {
    const cart = await api<Cart>('/api/cart');
    const items: Record<string, number> = {};
    for (const line of cart.lines) items[line.productId] = line.quantity;
    items[product.id] = (items[product.id] ?? 0) + 1;
    updateCartCount(await api<Cart>('/api/cart', { method: 'PUT', body: { items } }));
    showAlert('#message', `${product.name} is in your cart.`, 'ok');
    const message = document.getElementById('message');
    message?.append(' ', h('a', { href: '/cart.html' }, 'Go to cart'));
  } catch (error) {
    showAlert('#message', error instanceof ApiError ? error.message : String(error));
  } finally {
    button.disabled = false;
  }
}

async function main() {
  void renderChrome();
  const list = document.getElementById('products')!;
  try {
    const { products } = await api<{ products: Product[] }>('/api/products');
    list.replaceChildren(
      ...products.map((product) => {
        const button = h(
          'button',
          { class: 'button small', type: 'button', 'aria-label': `Add ${product.name} to cart` },
          'Add to cart',
        ) as HTMLButtonElement;
        button.addEventListener('click', () => addToCart(product, button));
        return h(
          'li',
          { class: 'product' },
          // The name is the heading below: the picture adds nothing for a screen reader.
          h('img', {
            class: 'tile',
            src: product.image,
            alt: '',
            width: 320,
            height: 180,
            loading: 'lazy',
          }),
          h(
            'div',
            { class: 'body' },
            h('h2', {}, product.name),
            h('p', {}, product.description),
            h(
              'div',
              { class: 'buy' },
              h('span', { class: 'price' }, price(product.priceCents)),
              button,
            ),
          ),
        );
      }),
    );
  } catch (error) {
    showAlert('#message', error instanceof ApiError ? error.message : String(error));
  }
}

void main();
