//! Listings that follow `NextToken` to the end (the SDK generates no paginators for Pinpoint),
//! stopping if the service repeats a token.

use super::ApiError;

/// Every item of a listing, following `NextToken` to the end: `page(token)` fetches one page
/// and answers its items and the next token.
pub async fn all_pages<T, F, Fut>(mut page: F) -> Result<Vec<T>, ApiError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<T>, Option<String>), ApiError>>,
{
    let mut all = Vec::new();
    let mut token = None;
    let mut seen = std::collections::HashSet::new();
    loop {
        let (items, next) = page(token.take()).await?;
        all.extend(items);
        match next {
            Some(next) if !next.is_empty() => {
                if !seen.insert(next.clone()) {
                    tracing::warn!(token = %next, "the service repeated a NextToken; stopping");
                    return Ok(all);
                }
                token = Some(next);
            }
            _ => return Ok(all),
        }
    }
}

/// [`all_pages`] of a listing request (`page-size` 100), mapping each item of `$response`.
macro_rules! every_page {
    ($request:expr, $response:ident, $item:expr) => {
        all_pages(|token| async move {
            let out = $request.page_size("100").set_token(token).send().await?;
            let page = out.$response();
            Ok((
                page.map(|p| p.item().iter().map($item).collect()).unwrap_or_default(),
                page.and_then(|p| p.next_token()).map(str::to_owned),
            ))
        })
    };
}

pub(crate) use every_page;
