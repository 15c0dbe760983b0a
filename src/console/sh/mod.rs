//! The sh subset of the console contract (lexer, parser, interpreter, filters).
