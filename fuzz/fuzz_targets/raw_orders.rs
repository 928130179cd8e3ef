//! Differential: the C ABI's page decoder (one validating pass, then a scan for each order's
//! `order_id`) must agree with a full serde parse on every input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use serde_json::value::RawValue;
use shiplink::paging::RawItem;

#[derive(Deserialize)]
struct Head {
    order_id: String,
}

fuzz_target!(|data: &[u8]| {
    let decoded = RawItem::decode_array(data.to_vec(), "order_id");
    let Ok(elements) = serde_json::from_slice::<Vec<&RawValue>>(data) else {
        assert!(decoded.is_err(), "the decoder accepted a page serde refuses");
        return;
    };
    // Each element parsed on its own text, so a repeated key is seen (serde refuses it).
    // serde would also read a struct from an array; an order is an object.
    let heads: Vec<_> = elements
        .iter()
        .map(|e| match e.get().trim_start().starts_with('{') {
            true => serde_json::from_str::<Head>(e.get()),
            false => Err(serde::de::Error::custom("not an object")),
        })
        .collect();
    if heads.iter().any(|h| h.as_ref().is_err_and(|e| e.to_string().contains("duplicate"))) {
        return; // a key repeated in one object is ambiguous in JSON: no answer is wrong there
    }
    match decoded {
        Ok(orders) => {
            assert_eq!(orders.len(), elements.len());
            for ((order, element), head) in orders.iter().zip(&elements).zip(&heads) {
                let expected = head.as_ref().map(|h| h.order_id.as_str()).ok();
                assert_eq!(Some(order.id()), expected);
                assert_eq!(order.json(), element.get());
            }
        }
        Err(_) => assert!(heads.iter().any(Result::is_err), "the decoder refused a page of valid orders"),
    }
});
