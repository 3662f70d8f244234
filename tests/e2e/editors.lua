-- Drives `ties lsp` from Neovim (0.7 and later) as a user would: diagnostics of a buffer,
-- completion, a code action applied, a rename that moves the file (Neovim applies the file
-- operation), and an external `ties log` in a shell that the editor then sees (Neovim 0.7
-- registers no file watcher: the server's own watcher must catch it). Exits 0 only if every
-- step held; prints what it saw otherwise.
local root = os.getenv('TIES_E2E_NOTEBOOK')
local ties = os.getenv('TIES_BIN')
local WAIT = 20000

local function say(...)
  io.stdout:write(table.concat({ ... }, ' ') .. '\n')
end

local function fail(what)
  say('FAIL: ' .. what)
  os.exit(1)
end

local function check(ok, what)
  if not ok then
    fail(what)
  end
  say('ok: ' .. what)
end

local function run()
  local client_id = vim.lsp.start_client({
    name = 'ties',
    cmd = { ties, '--today', '2026-11-21', 'lsp' },
    root_dir = root,
  })
  check(client_id ~= nil, 'the server starts')

  local function open(rel)
    vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. rel))
    local buf = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(buf, client_id)
    return buf
  end

  local function request(buf, method, params)
    local answers, err = vim.lsp.buf_request_sync(buf, method, params, WAIT)
    if not answers then
      fail(method .. ': ' .. tostring(err))
    end
    local answer = answers[client_id]
    if not answer or answer.error then
      fail(method .. ': ' .. vim.inspect(answer))
    end
    return answer.result
  end

  local function at(buf, line, character)
    return {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      position = { line = line, character = character },
    }
  end

  local function messages(buf)
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(out, d.message)
    end
    return table.concat(out, ' | ')
  end

  -- Diagnostics of the buffer.
  local ada = open('contacts/ada.md')
  local seen = vim.wait(WAIT, function()
    return messages(ada):find('unknown company `acm`', 1, true) ~= nil
  end, 50)
  check(seen, 'T201 on company: acm (' .. messages(ada) .. ')')

  -- Completion after `company: ac`.
  local completion = request(ada, 'textDocument/completion', at(ada, 2, 11))
  local items = completion.items or completion
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
  check(vim.tbl_contains(labels, 'acme'), 'completion offers acme (' .. table.concat(labels, ', ') .. ')')

  -- The did-you-mean code action, applied and saved.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(ada) },
    range = { start = { line = 2, character = 10 }, ['end'] = { line = 2, character = 10 } },
    context = { diagnostics = {} },
  }
  local actions = request(ada, 'textDocument/codeAction', params)
  local fix
  for _, action in ipairs(actions) do
    if action.title == 'replace `acm` with `acme`' then
      fix = action
    end
  end
  check(fix ~= nil, 'the code action "replace `acm` with `acme`" is offered')
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  vim.cmd('write')
  check(vim.api.nvim_buf_get_lines(ada, 2, 3, false)[1] == 'company: acme', 'the fix is in the buffer')
  seen = vim.wait(WAIT, function()
    return #vim.diagnostic.get(ada) == 0
  end, 50)
  check(seen, 'the diagnostic is gone (' .. messages(ada) .. ')')

  -- Rename `ada` from Bob's `introduced_by`: Neovim moves the file, every mention follows.
  local bob = open('contacts/bob.md')
  local rename = at(bob, 2, 16)
  rename.newName = 'ada-king'
  local edit = request(bob, 'textDocument/rename', rename)
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  vim.cmd('silent! wall')
  check(vim.fn.filereadable(root .. '/contacts/ada-king.md') == 1, 'contacts/ada-king.md exists')
  check(vim.fn.filereadable(root .. '/contacts/ada.md') == 0, 'contacts/ada.md is gone')
  local text = table.concat(vim.api.nvim_buf_get_lines(bob, 0, -1, false), '\n')
  check(text:find('introduced_by: ada-king', 1, true) and text:find('[[ada-king]]', 1, true),
    'both mentions in bob.md renamed')
  seen = vim.wait(WAIT, function()
    return #vim.diagnostic.get(bob) == 0
  end, 50)
  check(seen, 'no stale T201/T204 in bob.md after the rename (' .. messages(bob) .. ')')

  -- `ties log outreach cy` in a shell: the hover on [[cy]] says so without any edit.
  local plan = open('notes/plan.md')
  local function hover()
    local result = request(plan, 'textDocument/hover', at(plan, 0, 15))
    return result and result.contents and result.contents.value or ''
  end
  check(hover():find('identified', 1, true) ~= nil, 'cy is identified (' .. hover() .. ')')
  local out = vim.fn.system({ ties, '--notebook', root, '--today', '2026-11-21', 'log', 'outreach', 'cy' })
  check(vim.v.shell_error == 0, 'ties log outreach cy: ' .. out)
  seen = vim.wait(WAIT, function()
    return hover():find('contacted', 1, true) ~= nil
  end, 100)
  check(seen, 'the editor sees the outreach logged in the shell (' .. hover() .. ')')

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 50)
  say('editors: Neovim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. ' passed')
end

local ok, err = pcall(run)
if not ok then
  fail(tostring(err))
end
os.exit(0)
