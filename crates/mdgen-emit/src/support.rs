//! The serde adapters generated code needs and no crate has, in a module `mdgen_serde` after
//! the models, emitted only when a field uses one: `serde_with` cannot combine its adapters
//! with its own `double_option` (absent, null and value apart), and `rust_decimal` writes a
//! decimal as a number only through functions that write `1` as `1.0`, not through an adapter
//! `serde_with` can nest in `Option`, `Vec` or a map.

use proc_macro2::TokenStream;
use quote::quote;

/// Which adapters the emitted fields use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Support {
    /// `DoubleOption<U>`: an optional, nullable field read and written through the adapter `U`.
    pub double_option: bool,
    /// `DecimalNumber`: a `rust_decimal::Decimal` read and written as a JSON number.
    pub decimal_number: bool,
}

impl Support {
    /// The path of `DoubleOption` from the models, for a `with` attribute.
    pub const DOUBLE_OPTION: &'static str = "mdgen_serde::DoubleOption";
    /// The path of `DecimalNumber` from the models.
    pub const DECIMAL_NUMBER: &'static str = "mdgen_serde::DecimalNumber";

    pub fn union(self, other: Support) -> Support {
        Support {
            double_option: self.double_option || other.double_option,
            decimal_number: self.decimal_number || other.decimal_number,
        }
    }

    /// The `mdgen_serde` module with the adapters used, or `None` if none is.
    pub fn module(self) -> Option<TokenStream> {
        if self == Support::default() {
            return None;
        }
        let double_option = self.double_option.then(|| {
            quote! {
                /// Reads and writes an optional, nullable field through the `serde_with`
                /// adapter `U`: absent is `None` (the field's `default`), `null` is
                /// `Some(None)`.
                pub struct DoubleOption<U>(::std::marker::PhantomData<U>);

                impl<U> DoubleOption<U> {
                    pub fn serialize<T, S: ::serde::Serializer>(
                        value: &::std::option::Option<::std::option::Option<T>>,
                        serializer: S,
                    ) -> ::std::result::Result<S::Ok, S::Error>
                    where
                        U: ::serde_with::SerializeAs<T>,
                    {
                        ::serde_with::As::<::std::option::Option<::std::option::Option<U>>>::serialize(value, serializer)
                    }

                    pub fn deserialize<'de, T, D: ::serde::Deserializer<'de>>(
                        deserializer: D,
                    ) -> ::std::result::Result<::std::option::Option<::std::option::Option<T>>, D::Error>
                    where
                        U: ::serde_with::DeserializeAs<'de, T>,
                    {
                        ::serde_with::As::<::std::option::Option<U>>::deserialize(deserializer)
                            .map(::std::option::Option::Some)
                    }
                }
            }
        });
        let decimal_number = self.decimal_number.then(|| {
            quote! {
                /// Reads and writes a `rust_decimal::Decimal` as a JSON number, as it was
                /// written: `1` stays `1`, `1.0` keeps its point (exact as far as a JSON
                /// number read as `f64` is).
                pub struct DecimalNumber;

                impl ::serde_with::SerializeAs<::rust_decimal::Decimal> for DecimalNumber {
                    fn serialize_as<S: ::serde::Serializer>(
                        value: &::rust_decimal::Decimal,
                        serializer: S,
                    ) -> ::std::result::Result<S::Ok, S::Error> {
                        match i128::try_from(*value) {
                            ::std::result::Result::Ok(integer) if value.scale() == 0 => {
                                serializer.serialize_i128(integer)
                            }
                            _ => serializer.serialize_f64(
                                f64::try_from(*value).map_err(::serde::ser::Error::custom)?,
                            ),
                        }
                    }
                }

                impl<'de> ::serde_with::DeserializeAs<'de, ::rust_decimal::Decimal> for DecimalNumber {
                    fn deserialize_as<D: ::serde::Deserializer<'de>>(
                        deserializer: D,
                    ) -> ::std::result::Result<::rust_decimal::Decimal, D::Error> {
                        let number = <::serde_json::Number as ::serde::Deserialize>::deserialize(
                            deserializer,
                        )?;
                        let text = number.to_string();
                        text.parse::<::rust_decimal::Decimal>()
                            .or_else(|_| ::rust_decimal::Decimal::from_scientific(&text))
                            .map_err(::serde::de::Error::custom)
                    }
                }
            }
        });
        Some(quote! {
            /// Serde adapters of the fields above whose JSON form no crate's adapter gives.
            mod mdgen_serde {
                #double_option
                #decimal_number
            }
        })
    }
}
