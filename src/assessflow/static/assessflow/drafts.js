// Assessment drafts: a section's answers are sent to the server a few seconds after the assessor stops typing,
// and kept in this browser too, so a closed tab or an ended session loses nothing. Without JavaScript the form
// still saves as any form does.
const SAVE_AFTER_MS = 3000
const PREFIX = 'assessflow-section-draft:'

function keyOf (form) {
  return PREFIX + document.body.dataset.draftOwner + ':' + form.dataset.draftKey
}

function valuesOf (form) {
  const values = []
  for (const [name, value] of new FormData(form)) {
    if (name !== 'csrfmiddlewaretoken' && typeof value === 'string') values.push([name, value])
  }
  return values
}

function putBack (form, values) {
  const byName = new Map()
  for (const [name, value] of values) {
    if (name === 'version') continue
    if (!byName.has(name)) byName.set(name, [])
    byName.get(name).push(value)
  }
  for (const element of form.elements) {
    if (!byName.has(element.name)) {
      if ((element.type === 'checkbox') && element.name && values.length) element.checked = false
      continue
    }
    const chosen = byName.get(element.name)
    if (element.type === 'checkbox' || element.type === 'radio') element.checked = chosen.includes(element.value)
    else element.value = chosen[0]
  }
}

function say (form, text) {
  const status = form.querySelector('[data-draft-status]')
  if (status) status.textContent = text
}

async function sendDraft (form) {
  const values = valuesOf(form)
  window.localStorage.setItem(keyOf(form), JSON.stringify({ at: Date.now(), sent: false, values }))
  const csrf = document.querySelector('meta[name="csrf-token"]')
  try {
    const response = await fetch(form.dataset.serverDraft, {
      method: 'POST',
      body: new URLSearchParams(values),
      headers: csrf ? { 'X-CSRFToken': csrf.content } : {},
      credentials: 'same-origin',
      redirect: 'manual'
    })
    if (!response.ok) throw new Error('not saved')
    const answer = await response.json()
    window.localStorage.setItem(keyOf(form), JSON.stringify({ at: Date.now(), sent: true, values }))
    say(form, 'Draft saved at ' + new Date(answer.saved_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))
  } catch (error) {
    // Signed out, or the connection dropped: the answers stay in this browser until the next sign-in.
    say(form, 'Your answers are kept in this browser and will be put back when you return.')
  }
}

for (const form of document.querySelectorAll('form[data-server-draft]')) {
  const stored = JSON.parse(window.localStorage.getItem(keyOf(form)) || 'null')
  const hasErrors = document.querySelector('.govuk-error-summary') !== null
  // A draft kept only in this browser (never reached the server) is put back and sent now.
  if (stored && !stored.sent && !hasErrors) {
    putBack(form, stored.values)
    say(form, 'We put back answers you had typed but not saved.')
    sendDraft(form)
  }
  let timer = null
  const later = () => {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => sendDraft(form), SAVE_AFTER_MS)
  }
  form.addEventListener('input', later)
  form.addEventListener('change', later)
  form.addEventListener('submit', () => {
    window.clearTimeout(timer)
    window.sessionStorage.setItem(PREFIX + 'submitted', keyOf(form))
  })
}

// The page a saved section returns to says so: only then is the browser's copy forgotten (a save that met an
// ended session or someone else's save comes back to the form, or to signing in, and keeps it).
const submitted = window.sessionStorage.getItem(PREFIX + 'submitted')
if (submitted && document.querySelector('[data-section-saved]')) {
  window.localStorage.removeItem(submitted)
  window.sessionStorage.removeItem(PREFIX + 'submitted')
}
