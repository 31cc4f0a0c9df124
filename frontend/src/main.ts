import { mount } from 'svelte'
import '@fontsource-variable/literata'
import './app.css'
import App from './App.svelte'
import { guardLinks } from './lib/links'

guardLinks(document)

mount(App, { target: document.getElementById('app')! })
