error-not-found = We could not find this page. It may have moved, or the address may be mistyped.
error-internal = Something went wrong on our side. Nothing you saved was lost. Please try again in a moment.
error-unreachable = We could not reach Samleng. Check your connection and try again.
not-found-title = Page not found
error-title = Something went wrong
error-go-home = Go to the home page
error-forbidden = Your account may not do this. If you think it should, ask an administrator.
error-forbidden-title = Not allowed
