//! The pieces emitted items are built from, as token streams: identifiers, literals, attributes.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// The identifier `text`, a name made by [`crate::ident::sanitize`] (so always valid), raw when
/// it starts with `r#`.
pub fn ident(text: &str) -> Ident {
    match text.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(text, Span::call_site()),
    }
}

/// `s` as a string literal.
pub fn str_lit(s: &str) -> Literal {
    Literal::string(s)
}

/// `n` as an `i64` literal expression or pattern; `suffixed` makes its type explicit.
pub fn int_lit(n: i64, suffixed: bool) -> TokenStream {
    if n == i64::MIN {
        return quote!(i64::MIN);
    }
    let abs = n.unsigned_abs();
    let lit = if suffixed {
        Literal::i64_suffixed(abs as i64)
    } else {
        Literal::u64_unsuffixed(abs)
    };
    if n < 0 {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}

/// The serde item `key = "value"`.
pub fn key_value(key: &str, value: &str) -> TokenStream {
    let key = ident(key);
    let value = str_lit(value);
    quote!(#key = #value)
}

/// `#[serde(items)]`, or nothing without items.
pub fn serde_attr(items: &[TokenStream]) -> TokenStream {
    if items.is_empty() {
        return TokenStream::new();
    }
    quote!(#[serde(#(#items),*)])
}

/// `#[deprecated]` when `deprecated`.
pub fn deprecated(deprecated: bool) -> TokenStream {
    if deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}

/// `#[allow(deprecated)]` when `allow`.
pub fn allow_deprecated(allow: bool) -> TokenStream {
    if allow {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_read_back_as_their_value() {
        for s in [
            "",
            "plain",
            "a\"b\\c",
            "it's",
            "tab\there\nnl",
            "\u{0}1 \u{0}x",
            "é ☃",
            "\u{7f}\u{200b}",
        ] {
            let lit = str_lit(s);
            let parsed: syn::LitStr = syn::parse2(quote!(#lit)).unwrap();
            assert_eq!(parsed.value(), s, "{lit}");
        }
        // `\0` before a digit would read as an octal escape to clippy.
        assert_eq!(str_lit("\u{0}1").to_string(), "\"\\x001\"");
        assert_eq!(str_lit("it's").to_string(), "\"it's\"");
    }

    #[test]
    fn integer_literals_handle_signs_and_extremes() {
        assert_eq!(int_lit(5, false).to_string(), "5");
        assert_eq!(int_lit(-5, true).to_string(), "- 5i64");
        assert_eq!(int_lit(i64::MIN, false).to_string(), "i64 :: MIN");
        let parsed: syn::Expr = syn::parse2(int_lit(i64::MAX, true)).unwrap();
        assert!(matches!(parsed, syn::Expr::Lit(_)));
    }

    #[test]
    fn raw_identifiers_keep_their_prefix() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("kind").to_string(), "kind");
    }
}
