import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app');
if (root === null) throw new Error('web: #app is missing from index.html');
render(<App />, root);
// the end-to-end test reads this to report the first render
performance.mark('innomatch:first-render');
