// The size floor: a bare Lit element built exactly like the widget's script-tag bundle.
import { LitElement, html } from 'lit';

class BenchFloor extends LitElement {
  render() {
    return html`<button>floor</button>`;
  }
}
customElements.define('bench-floor', BenchFloor);
