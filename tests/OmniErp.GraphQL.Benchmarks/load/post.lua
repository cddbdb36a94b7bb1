-- wrk script: POST the storefront query (same query as compare.mjs and Storefront.cs).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.body = '{"query":"{ products(first: 24) { sku name description category price { amount currency } availability { available inStock } } }"}'

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
