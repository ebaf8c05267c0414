/** The service page (the gateway's `serviceUrl`). */
import { renderChrome } from '../shop.ts';

void renderChrome();
