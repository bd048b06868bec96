-- wrk: POST the prepared Open Inference Protocol request (request.json, made by run.sh) to the infer endpoint.
local file = io.open(os.getenv("ENSEMBLE_REQUEST") or "request.json", "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

-- Count non-2xx answers (429 from backpressure among them) so the summary says how many were refused.
local refused = 0
function response(status, headers, body)
  if status >= 300 then refused = refused + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx %d\n", refused))
end
