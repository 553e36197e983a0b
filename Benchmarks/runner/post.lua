-- wrk's request for the runner benchmark: a POST of a 1.5 KB (1,536-byte) JSON body, about the size of a rendered
-- body.hbs (1.3 KB) with the runner's headers. nginx answers 200 without reading it more than it must.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"padding": "' .. string.rep("x", 1536 - 15) .. '"}'
