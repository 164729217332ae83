// Assessflow's browser code: start GOV.UK Frontend, warn before an idle session ends,
// and keep whatever the user typed so that a timeout or a lost connection loses nothing.
import { initAll } from '../vendor/govuk/govuk-frontend.min.js'

initAll()

// GOV.UK Frontend marks a radio that reveals follow-up questions with aria-expanded, an attribute ARIA does not
// allow on a radio (axe: aria-allowed-attr). The radio's checked state and its aria-controls already tell
// assistive technology what it shows, so the attribute is taken off again each time the component sets it.
function dropExpandedFromRadios () {
  for (const radio of document.querySelectorAll('.govuk-radios__input[aria-expanded]')) {
    radio.removeAttribute('aria-expanded')
  }
}
dropExpandedFromRadios()
document.addEventListener('click', dropExpandedFromRadios)
window.addEventListener('pageshow', dropExpandedFromRadios)

const DRAFT_PREFIX = 'assessflow-draft:'

// --- Drafts: every form marked data-autosave is copied to sessionStorage as the user types,
// put back when the page is shown again, and forgotten once the server accepts it.
// Drafts belong to the signed-in user: on a shared computer another person signing in
// on the same tab never sees them.
function draftKey (form) {
  return DRAFT_PREFIX + document.body.dataset.draftOwner + ':' + form.dataset.autosave + ':' + window.location.pathname
}

function saveDraft (form) {
  const values = {}
  for (const element of form.elements) {
    if (!element.name || element.type === 'hidden' || element.type === 'password' || element.type === 'submit') continue
    if (element.type === 'checkbox' || element.type === 'radio') {
      if (element.checked) values[element.name + '=' + element.value] = true
    } else {
      values[element.name] = element.value
    }
  }
  window.sessionStorage.setItem(draftKey(form), JSON.stringify(values))
}

function restoreDraft (form) {
  const stored = window.sessionStorage.getItem(draftKey(form))
  if (!stored) return false
  const values = JSON.parse(stored)
  let restored = false
  for (const element of form.elements) {
    if (!element.name || element.type === 'hidden' || element.type === 'password') continue
    if (element.type === 'checkbox' || element.type === 'radio') {
      const checked = values[element.name + '=' + element.value] === true
      if (element.checked !== checked) { element.checked = checked; restored = true }
    } else if (element.name in values && element.value !== values[element.name]) {
      element.value = values[element.name]
      restored = true
    }
  }
  return restored
}

function announceRestored (form) {
  const banner = document.createElement('div')
  banner.className = 'govuk-notification-banner'
  banner.setAttribute('role', 'region')
  banner.setAttribute('aria-labelledby', 'draft-restored-title')
  banner.innerHTML = '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="draft-restored-title">Important</h2></div>' +
    '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">We put back answers you had typed but not saved.</p></div>'
  form.parentNode.insertBefore(banner, form)
}

for (const form of document.querySelectorAll('form[data-autosave]')) {
  // A page that comes back with errors already shows the user's answers; a fresh page may need the draft.
  const hasErrors = document.querySelector('.govuk-error-summary') !== null
  if (!hasErrors && restoreDraft(form)) announceRestored(form)
  form.addEventListener('input', () => saveDraft(form))
  form.addEventListener('change', () => saveDraft(form))
  form.addEventListener('submit', () => {
    // Forget the draft only when the next page is not this form again (the save worked).
    window.sessionStorage.setItem(DRAFT_PREFIX + 'submitted', draftKey(form))
  })
}

// The page after a successful save is a different page: clear the draft it came from.
const submitted = window.sessionStorage.getItem(DRAFT_PREFIX + 'submitted')
if (submitted) {
  window.sessionStorage.removeItem(DRAFT_PREFIX + 'submitted')
  const stillOnForm = [...document.querySelectorAll('form[data-autosave]')].some((form) => draftKey(form) === submitted)
  if (!stillOnForm) window.sessionStorage.removeItem(submitted)
}

for (const button of document.querySelectorAll('[data-clears-drafts]')) {
  button.addEventListener('click', () => {
    for (const key of Object.keys(window.sessionStorage)) {
      if (key.startsWith(DRAFT_PREFIX)) window.sessionStorage.removeItem(key)
    }
  })
}

// --- Idle timeout: warn before the server ends the session, offer more time, then sign out.
const body = document.body
const idleSeconds = Number(body.dataset.sessionIdleSeconds)
const warningSeconds = Number(body.dataset.sessionWarningSeconds)
const dialog = document.getElementById('timeout-dialog')

if (idleSeconds && dialog) {
  const countdown = dialog.querySelector('[data-timeout-countdown]')
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content
  let expiresAt = Date.now() + idleSeconds * 1000
  let returnFocusTo = null

  const describe = (seconds) => {
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60)
      return minutes + (minutes === 1 ? ' minute' : ' minutes')
    }
    return seconds + (seconds === 1 ? ' second' : ' seconds')
  }

  const signOut = () => {
    for (const form of document.querySelectorAll('form[data-autosave]')) saveDraft(form)
    const next = encodeURIComponent(window.location.pathname + window.location.search)
    window.location.assign(body.dataset.signInUrl + '?timeout=1&next=' + next)
  }

  const extend = async () => {
    const response = await fetch(body.dataset.sessionExtendUrl, {
      method: 'POST',
      headers: { 'X-CSRFToken': csrfToken },
      credentials: 'same-origin'
    })
    if (!response.ok) return signOut()
    const answer = await response.json()
    expiresAt = Date.now() + answer.expires_in * 1000
    dialog.close()
    if (returnFocusTo) returnFocusTo.focus()
  }

  dialog.querySelector('[data-timeout-extend]').addEventListener('click', extend)
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); extend() })

  window.setInterval(() => {
    const left = Math.round((expiresAt - Date.now()) / 1000)
    if (left <= 0) return signOut()
    if (left <= warningSeconds) {
      countdown.textContent = describe(left)
      if (!dialog.open) {
        returnFocusTo = document.activeElement
        dialog.showModal()
      }
    }
  }, 1000)
}

// --- Background jobs: a progress bar that follows the job, then shows its result.
const progress = document.querySelector('[data-import-progress]')
if (progress) {
  const bar = progress.querySelector('progress')
  const text = progress.querySelector('[data-import-progress-text]')
  const poll = async () => {
    const response = await fetch(progress.dataset.importProgress, { credentials: 'same-origin' })
    if (!response.ok) return
    const job = await response.json()
    bar.value = job.percent
    bar.textContent = job.percent + '%'
    text.textContent = job.text
    if (job.status !== progress.dataset.importStatus) window.location.reload()
    else window.setTimeout(poll, 2000)
  }
  window.setTimeout(poll, 2000)
}
