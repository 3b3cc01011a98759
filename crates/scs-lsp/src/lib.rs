//! The language server of scs. For now its transport: the framing of the LSP base protocol
//! over standard input and output, hardened against whatever bytes an editor (or anything
//! posing as one) sends. The handlers live in the `scs` binary (`scs lsp`).

pub mod transport;
