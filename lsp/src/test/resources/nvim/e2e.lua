-- End-to-end test of `applc lsp` with a real editor: Neovim 0.7, headless.
--
--   APPLC_REPO=/path/to/checkout APPLC_SPEC=/tmp/x/spec.appliance \
--     nvim --headless --clean -c 'luafile lsp/src/test/resources/nvim/e2e.lua'
--
-- APPLC_SPEC is a spec with one misspelled property (APL0100) and a `partition esp` and a
-- `partition var` block. The editor is set up with applc.lua beside this file, the snippet that
-- docs/lsp.md gives; it starts `bin/applc lsp` of the checkout. Exits 0 when every check passes,
-- 1 (`cquit 1`) on the first failure or after a timeout.

local repo = assert(os.getenv("APPLC_REPO"), "APPLC_REPO is not set")
local spec = assert(os.getenv("APPLC_SPEC"), "APPLC_SPEC is not set")
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")

local function say(text)
  io.stdout:write("applc e2e: " .. text .. "\n")
  io.stdout:flush()
end

local function fail(text)
  io.stdout:write("applc e2e: FAIL: " .. text .. "\n")
  io.stdout:flush()
  vim.cmd("cquit 1")
end

-- Whatever happens, stop within the time limit.
vim.defer_fn(function()
  fail("timed out")
end, 90000)

local published = nil
local default_handler = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  if result and result.uri == vim.uri_from_fname(spec) then
    published = result.diagnostics
  end
  return default_handler(err, result, ctx, config)
end

local function request(bufnr, method, position)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 30000)
  if responses == nil then
    fail(method .. ": no answer (" .. tostring(err) .. ")")
  end
  for _, response in pairs(responses) do
    if response.err then
      fail(method .. ": " .. vim.inspect(response.err))
    end
    return response.result
  end
  fail(method .. ": no answer")
end

local function find_line(bufnr, text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local column = line:find(text, 1, true)
    if column then
      return i - 1, column - 1
    end
  end
  fail("no line with `" .. text .. "` in the spec")
end

local function run()
  vim.g.applc_command = { repo .. "/bin/applc", "lsp" }
  vim.cmd("luafile " .. vim.fn.fnameescape(here .. "/applc.lua"))
  vim.cmd("edit " .. vim.fn.fnameescape(spec))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= "applc" then
    fail("the snippet did not set the filetype: " .. vim.bo[bufnr].filetype)
  end

  -- Diagnostics arrive without asking, with the compiler's code.
  local function server_gone()
    local client = vim.lsp.get_client_by_id(vim.g.applc_client)
    return client == nil or client.is_stopped()
  end
  if not vim.wait(60000, function() return published ~= nil or server_gone() end, 50) then
    fail("no textDocument/publishDiagnostics for " .. spec)
  end
  if published == nil then
    fail("the server stopped before it published diagnostics")
  end
  local codes = {}
  for _, d in ipairs(published) do
    table.insert(codes, tostring(d.code))
  end
  if not vim.tbl_contains(codes, "APL0100") then
    fail("expected a diagnostic APL0100, got " .. vim.inspect(codes))
  end
  say("diagnostics " .. table.concat(codes, ", "))

  -- Completion at the start of the first line inside `partition var { ... }` offers `size`.
  local var_line = find_line(bufnr, "partition var {")
  local completion = request(bufnr, "textDocument/completion", { line = var_line + 1, character = 0 })
  local items = completion and (completion.items or completion) or {}
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
  if not vim.tbl_contains(labels, "size") then
    fail("completion in `partition var` does not offer `size`: " .. vim.inspect(labels))
  end
  say("completion offers " .. #labels .. " items, size among them")

  -- Hover on the name of `partition esp` tells where the partition starts on the disk.
  local esp_line, esp_column = find_line(bufnr, "partition esp")
  local hover = request(bufnr, "textDocument/hover", { line = esp_line, character = esp_column + 11 })
  local text = hover and hover.contents and (hover.contents.value or hover.contents) or ""
  if type(text) ~= "string" or not text:find("offset: 1M (1048576 bytes)", 1, true) then
    fail("hover on `esp` does not give its offset: " .. vim.inspect(hover))
  end
  say("hover shows the offset of esp")

  vim.lsp.stop_client(vim.g.applc_client)
  say("ok")
  vim.cmd("qall!")
end

local ok, problem = pcall(run)
if not ok then
  fail(tostring(problem))
end
