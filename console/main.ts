/** The console page's entry: defines the elements and places `<vard-console>` in the language of the page. */
import { defineConsole } from './define/vard-console.js';
import { consoleLocale } from './i18n/index.js';

defineConsole();
const app = document.createElement('vard-console');
app.locale = consoleLocale(document.documentElement.lang, navigator.language);
document.getElementById('app')?.replaceChildren(app);
