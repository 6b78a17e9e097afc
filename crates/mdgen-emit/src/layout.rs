//! Items as text: each token stream is parsed into a `syn::Item` and laid out by prettyplease.

use proc_macro2::TokenStream;

/// `item` laid out as `prettyplease::unparse` lays out a file of it alone, or the parse error
/// when the tokens are not an item (a bug in an emitter).
pub fn format(item: TokenStream) -> Result<String, syn::Error> {
    let item: syn::Item = syn::parse2(item)?;
    Ok(prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn items_are_laid_out_and_non_items_are_errors() {
        let text = format(quote!(
            pub struct A {
                pub b: i64,
            }
        ))
        .unwrap();
        assert_eq!(text, "pub struct A {\n    pub b: i64,\n}\n");
        assert!(format(quote!(pub b: i64)).is_err());
    }
}
