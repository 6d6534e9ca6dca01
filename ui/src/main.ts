import "@fontsource/noto-sans-khmer/400.css";
import "@fontsource/noto-sans-khmer/700.css";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { applyPrefs } from "./lib/prefs.svelte";

applyPrefs();
mount(App, { target: document.getElementById("app")! });
