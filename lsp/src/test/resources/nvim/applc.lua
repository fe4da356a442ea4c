-- applc language server for *.appliance files (Neovim 0.7 or newer).
vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
  pattern = "*.appliance",
  command = "setfiletype applc",
})
vim.api.nvim_create_autocmd("FileType", {
  pattern = "applc",
  callback = function(args)
    local id = vim.g.applc_client
    if id == nil or vim.lsp.get_client_by_id(id) == nil then
      id = vim.lsp.start_client({
        name = "applc",
        cmd = vim.g.applc_command or { "applc", "lsp" },
        root_dir = vim.fn.fnamemodify(args.file, ":p:h"),
      })
      vim.g.applc_client = id
    end
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
