// Generated from the admin API's OpenAPI document by `npm run generate:api-types`; do not edit.
export interface paths {
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or search users
         * @description A page at a time. `q` searches userName, display name, department, e-mail addresses and phone numbers; `department`, `country`, `product` and `status` filter. With `includeLicenses=true` each user carries the licenses that have not ended (one query for the page). Sorted oldest first (by creation time, then id).
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description The e-mail address becomes the userName. With `sendOnboardingEmail` the onboarding e-mail (in the user's language) is queued in the outbox in the same transaction; its state is the response's `onboardingEmail`. While e-mail is off (GET /settings says so: `mail.enabled`) it waits there.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create users from a list of e-mail addresses
         * @description All in one transaction. Each address gets its own result: created, already_exists (a user has that userName, or it came earlier in the list) or invalid. Names and the rest of the contact details can be filled in afterwards. With `sendOnboardingEmail` each created user gets the onboarding e-mail (users that already existed do not); its state is each user's `onboardingEmail`.
         */
        post: operations["createUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user with their groups */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a user's contact details
         * @description Only the fields sent change; null removes one. Send If-Match with the ETag you read to avoid overwriting a newer change.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/users/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a user
         * @description The user stays, inactive; their licenses go to removal after the tenant's grace days. Suspending a suspended user changes nothing.
         */
        post: operations["suspendUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reactivate a suspended user
         * @description Restores an active user. Reactivating an active user changes nothing.
         */
        post: operations["reactivateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Entra ID connections
         * @description Sorted oldest first (by creation time).
         */
        get: operations["listDirectoryConnections"];
        put?: never;
        /**
         * Connect an Entra ID tenant
         * @description The client secret is stored encrypted and never returned. Syncs start at the next schedule, or now with the sync endpoint.
         */
        post: operations["createDirectoryConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/attribute-mapping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The default attribute mapping and what a mapping can name
         * @description A connection's attributeMapping overrides these defaults (null turns one off); directoryOwned names the targets each sync overwrites.
         */
        get: operations["getDirectoryAttributeMapping"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an Entra ID connection */
        get: operations["getDirectoryConnection"];
        put?: never;
        post?: never;
        /**
         * Remove an Entra ID connection
         * @description Users and groups it created stay; they are no longer synced.
         */
        delete: operations["deleteDirectoryConnection"];
        options?: never;
        head?: never;
        /**
         * Change an Entra ID connection
         * @description Only the fields sent change. Changing the scoped groups or the Entra tenant makes the next sync a full one that judges every directory user again by the new scope; 409 while a sync is in progress or a run is held for approval.
         */
        patch: operations["updateDirectoryConnection"];
        trace?: never;
    };
    "/directory/connections/{id}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the directory's groups, to choose the connection's scope
         * @description Every group the last syncs saw, scoped or not (a sync enumerates all groups and mirrors members of scoped ones only). Empty before the first sync. Sorted by display name, then object id.
         */
        get: operations["listDirectoryGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/connections/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test an Entra ID connection
         * @description Gets a token and reads one user and one group; on failure says what is wrong (auth.invalid_secret, auth.unknown_tenant, graph.permission_denied, …).
         */
        post: operations["testDirectoryConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/connections/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync an Entra ID connection now
         * @description Records a run and queues it for a worker; answers with its id at once. Follow it with the runs endpoints. 409 while a run is in progress.
         */
        post: operations["startDirectorySync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/connections/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the sync runs of a connection, newest first
         * @description Sorted newest first (by start time, then id).
         */
        get: operations["listDirectorySyncRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a sync run */
        get: operations["getDirectorySyncRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/runs/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply the suspensions a held run planned
         * @description Suspends each planned user the directory still says should be suspended. Only for runs held by mass-change protection.
         */
        post: operations["approveDirectorySyncRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/runs/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drop the suspensions a held run planned
         * @description The users stay as they are until the directory changes them again.
         */
        post: operations["rejectDirectorySyncRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/connections/{id}/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reconcile the contact fields of a connection now
         * @description Compares the directory-owned contact fields of every active user the connection feeds with the directory, sets drifted ones back and reports directory phone numbers the tenant does not own. Queued for a worker; 409 while one runs.
         */
        post: operations["startContactReconciliation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/connections/{id}/reconciliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the contact reconciliation runs of a connection, newest first
         * @description Sorted newest first (by start time, then id).
         */
        get: operations["listContactReconciliations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/reconciliations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a contact reconciliation run */
        get: operations["getContactReconciliation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/reconciliations/{id}/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the phone number conflicts a reconciliation run found
         * @description Sorted in the order the run found them.
         */
        get: operations["listContactConflicts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List group-to-license rules
         * @description Optionally in one status; oldest first. Sorted by id: a stable order that does not change between pages (not creation order).
         */
        get: operations["listRules"];
        put?: never;
        /**
         * Create a rule
         * @description A draft is only evaluated by previews. An active rule is applied by the reconcile job within a minute: its grants are added, and removals above the mass-change threshold are held for approval.
         */
        post: operations["createRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a rule set or one rule change
         * @description Without writing anything: the licenses that would be added and removed per product, the seat shortfall against inventory, numbers needed against the pool per country, users who would lose service, the conflicts, and whether the removals would be held by the mass-change threshold.
         */
        post: operations["previewRules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List what the rules could not honour
         * @description Kept per user from their last evaluation: a rule that lost an exclusive track on priority or to a direct license, an unmet requirement, a removal that leaves a dependent license without its requirement, a grant that failed. Licenses waiting for a seat are listed by GET /assignments?state=blocked. Sorted oldest first (in the order they were detected).
         */
        get: operations["listRuleConflicts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recompute every rule for the tenant now
         * @description Asks the reconcile job to run for this tenant (it also runs every hour); drift is fixed, large removals held.
         */
        post: operations["reconcileRules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rule-holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List held mass changes
         * @description License removals the rules wanted that exceeded the mass-change threshold, and their decisions. Sorted by id: a stable order that does not change between pages (not creation order).
         */
        get: operations["listRuleHolds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rule-holds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A held mass change with the removals it holds
         * @description Sorted its items by user id, then rule id.
         */
        get: operations["getRuleHold"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rule-holds/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a held mass change
         * @description The held removals are applied by the evaluation job within a minute (those the rules no longer want).
         */
        post: operations["approveRuleHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rule-holds/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a held mass change
         * @description The licenses stay; the same removals are not proposed again until the rules want those grants again.
         */
        post: operations["rejectRuleHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rule */
        get: operations["getRule"];
        put?: never;
        post?: never;
        /**
         * Delete a draft rule
         * @description Active and retired rules stay, as the history of the licenses they granted: retire instead.
         */
        delete: operations["deleteRule"];
        options?: never;
        head?: never;
        /**
         * Edit a rule
         * @description Only the fields named change. Editing an active rule is applied by the reconcile job; preview it first.
         */
        patch: operations["updateRule"];
        trace?: never;
    };
    "/rules/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a draft rule
         * @description The reconcile job applies it within a minute.
         */
        post: operations["activateRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire a rule
         * @description Its grants are revoked by the reconcile job: each license ends when no other grant remains, through the rule's grace days; removals above the mass-change threshold are held.
         */
        post: operations["retireRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments/{id}/explanation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Why does this user have this license?
         * @description The grants behind the license: who granted it directly, and for rule grants the rule, its group and whether it still selects the user.
         */
        get: operations["explainAssignment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find groups by name
         * @description The groups the identity provider or the directory sync brought, for choosing the source group of a rule: the first `limit` matches by name (narrow with `q`). Membership is managed by SCIM and the directory sync. Sorted by display name (case-insensitive), then creation.
         */
        get: operations["listGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/tracks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tracks of the catalog
         * @description Sorted by display position, then key.
         */
        get: operations["listTracks"];
        put?: never;
        /** Add a track to the catalog */
        post: operations["createTrack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/tracks/{key}/comparison": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compare the products of a track side by side
         * @description Every feature any product of the track includes, with the products that include it. Sorted features in the order the track's products (by position) first include them.
         */
        get: operations["compareProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the products of the catalog
         * @description Sorted by track position, then the product's position in its track, then key.
         */
        get: operations["listProducts"];
        put?: never;
        /**
         * Add a product to the catalog
         * @description The product gets its seat inventory at once; buy seats with POST /purchases.
         */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a product */
        get: operations["getProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a product of the tenant's catalog
         * @description Name, feature lines, requirements, whether it is for sale, its monthly list price, position. Requirement changes apply to assignments activating from now on. Send If-Match with the ETag you read to avoid overwriting a newer edit.
         */
        patch: operations["updateProduct"];
        trace?: never;
    };
    "/catalog/products/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire a product nothing uses
         * @description Refused (409 product.in_use, with the counts) while a license of it has not ended, a purchase of it runs or a rule that is not retired grants it. The product stays readable, is no longer sellable and cannot be assigned.
         */
        post: operations["retireProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Seat inventory per product
         * @description Purchased, held (active, removal scheduled, grace), scheduled, blocked and available now. With `on`, also the seats available on that date (today or later; a past date is a 400): scheduled assignments due by then and subscriptions starting, ending or partly cancelled by then count; a scheduled change within a track (Basic → Business Mobile) counts once, as the new product. Each line has the monthly list price and what the seats purchased now cost a month. Sorted by track position, then product position.
         */
        get: operations["getInventory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List seat purchases
         * @description In order of purchase, a page at a time. Sorted oldest first (by purchase time, then id).
         */
        get: operations["listPurchases"];
        put?: never;
        /**
         * Buy seats of a product
         * @description One product per order, with a binding period in months. `termsAccepted: true` is required; who accepted them and when is recorded on the order. Assignments waiting for a seat of the product take the new seats, oldest first.
         */
        post: operations["purchaseSeats"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/purchases/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a seat purchase, in whole or in part
         * @description Needs `confirmCancellation: true` (else 422 confirmation.required). The seats leave at the end of the binding period (or now, when it is over). With `quantity`, only that many: the rest of the purchase stays, and the cancellation is listed in `cancellations`; without it, or with all that are left, the whole purchase ends (`endsAt`). 409 subscription.quantity_exceeded when fewer seats are left to cancel; 409 subscription.seats_in_use when the seats left on that date would not cover the licenses committed then.
         */
        post: operations["cancelPurchase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List assignments
         * @description Optionally of one product or in one state; a page at a time, each with its grants. Sorted by effective date (scheduled assignments in the order they are due), then id.
         */
        get: operations["listAssignments"];
        put?: never;
        /**
         * Assign a product to one or many users, now or on a date
         * @description Each user gets one assignment of the product (assigning again adds a grant to it). Now: it activates at once if a seat is free and every requirement holds, else it is kept `blocked` with its conflicts and activates by itself when the cause goes away (with `strict`, refused instead). On a date: `scheduled`, with the conflicts found on the user's projected state on that date. In an exclusive track the user's current license is swapped out when the new one activates. `numbers` gives the numbers the product needs, named (one user) or picked from the pool per user in the user's country; they are the users' from this request on, also for a later date. A user who already has the product scheduled or blocked: 409 assignment.already_scheduled naming its date, or with `reschedule: true` it moves to this date. After a cancellation or removal, assigning again creates a new assignment; the ended one keeps its history. `purchase` buys the seats the assignment lacks on its date first, with the terms accepted, and answers the order with its price in `order`.
         */
        post: operations["assignLicense"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an assignment with its grants and history */
        get: operations["getAssignment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments/{id}/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the license to another product of its exclusive track
         * @description One atomic swap, now or on a date: the new license activates and the current one ends in the same transaction, so the user is never without (or with two) licenses of the track.
         */
        post: operations["changeLicense"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments/{id}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove a license
         * @description Removal deletes the user's call history, call forwarding, voicemail and device activation, so it needs `confirmDataLoss: true` (else 422 confirmation.required). The license goes to grace (now, or on `at`: removal_scheduled until then); the seat is freed when grace ends. A scheduled or blocked one is cancelled. When other running licenses of the user require it (Unlimited 5G needs an active Voice license), the removal is refused with 409 requirement.dependents listing them in `details.dependents`, unless `removeDependents: true`: then they stop with it (same date, through grace, cause requirement_lost).
         */
        post: operations["removeLicense"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a scheduled or blocked assignment */
        post: operations["cancelAssignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assignments/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-date a scheduled or blocked assignment
         * @description A date now or past activates it at once if it can be; a future one reports its projected conflicts.
         */
        post: operations["rescheduleAssignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/activation-date": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set the activation date of all of a user's scheduled assignments
         * @description Every scheduled or blocked assignment of the user moves to the date (now or past: activates them).
         */
        post: operations["setActivationDate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's number pool
         * @description In number order, a page at a time; filter by status, kind, country or user. Sorted by number (E.164, as text).
         */
        get: operations["listNumbers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/numbers/acquire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acquire new numbers from the provider's ranges
         * @description They enter the pool as available. All or nothing: 409 number.unavailable when the ranges run short.
         */
        post: operations["acquireNumbers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/numbers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a number of the pool */
        get: operations["getNumber"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/numbers/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign a number to a user
         * @description The number shows in the user's contact details (work for fixed, mobile for mobile); their assignments blocked for want of a number re-check at once.
         */
        post: operations["assignNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/numbers/{id}/reserve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set an available number aside
         * @description Reserved numbers are picked first when a license takes numbers from the pool.
         */
        post: operations["reserveNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/numbers/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release a number into quarantine
         * @description It leaves its user's contact details and rests in quarantine for the tenant's quarantine days before it is available again. When a running license of its user needs it (Basic needs a fixed number), the release is refused with 409 requirement.would_break unless `brokenLicenses` is `grace`.
         */
        post: operations["releaseNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/port-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List port orders
         * @description In order of creation, a page at a time. Sorted oldest first (by creation time, then id).
         */
        get: operations["listPortOrders"];
        put?: never;
        /**
         * Port a number in from another operator
         * @description The number enters the pool as `porting`. The order is `submitted`, then `confirmed` with a port date (or `rejected`); on that date it completes and the number becomes reserved.
         */
        post: operations["createPortOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/port-orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a port order */
        get: operations["getPortOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/port-orders/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that the losing operator accepted the port, with its date */
        post: operations["confirmPortOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/port-orders/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that the losing operator refused the port
         * @description The porting number leaves the pool.
         */
        post: operations["rejectPortOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/port-orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a port order that has not completed
         * @description The porting number leaves the pool.
         */
        post: operations["cancelPortOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The import template: the header row and an example row */
        get: operations["getImportTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the imports, newest first
         * @description Every uploaded file: dry runs not applied, imports being applied with their progress, and completed ones. Sorted newest first (by upload time, then id).
         */
        get: operations["listImports"];
        put?: never;
        /**
         * Upload a CSV or XLSX file of users: a dry run
         * @description Validates every row with the API's own schemas and rules and answers what each row would do (create, update, unchanged; numbers assigned; licenses assigned, scheduled or blocked; groups joined and the licenses rules would then grant) and every error with its column. Nothing in the tenant changes; the rows are kept so that `POST /imports/{id}/apply` can apply them. CSV: any of , ; tab | as delimiter, UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, quoted fields. XLSX: the first sheet or `sheet`; formulas are read as their saved values, never evaluated. At most 10485760 bytes (413) and 10000 rows.
         */
        post: operations["uploadImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import and its progress */
        get: operations["getImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply an import
         * @description The valid rows are applied by a job, in batches of one transaction each; follow the progress with `GET /imports/{id}` and download each row's outcome from `/imports/{id}/result`. Rows are planned again against the tenant as it is then. A row that fails never stops the others. An import is applied once; re-importing the same file is safe: users are matched by e-mail and what is already so stays unchanged.
         */
        post: operations["applyImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each row's outcome as a file */
        get: operations["getImportResult"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export users with their licenses, numbers and groups
         * @description The columns of the import template first, so an exported file imports back unchanged. Streamed as it is read, a page of rows at a time (constant memory for any size). Every cell that starts with =, +, -, @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it as text and never runs it as a formula; the import takes the ' off again.
         */
        get: operations["exportUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export license assignments
         * @description Streamed as it is read, a page of rows at a time (constant memory for any size). Every cell that starts with =, +, -, @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it as text and never runs it as a formula; the import takes the ' off again.
         */
        get: operations["exportAssignments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the number pool
         * @description Streamed as it is read, a page of rows at a time (constant memory for any size). Every cell that starts with =, +, -, @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it as text and never runs it as a formula; the import takes the ' off again.
         */
        get: operations["exportNumbers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the audit log
         * @description Events in the order they happened, with who made them and the import they came from. Streamed as it is read, a page of rows at a time (constant memory for any size). Every cell that starts with =, +, -, @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it as text and never runs it as a formula; the import takes the ' off again.
         */
        get: operations["exportAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description Every change recorded for the tenant, with who made it (a token with its label, a rule, a directory sync, a job or the operator) and the entity before and after. Filters combine: actor, action (or `kind.*`), entity, user, and a time range [from, to). Sorted newest first (by id, the order in which the changes were recorded).
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's tokens
         * @description Admin and SCIM tokens with their label, role, owner contact e-mail and last use; never their secrets. Sorted oldest first (by creation).
         */
        get: operations["listTokens"];
        put?: never;
        /**
         * Create a token
         * @description The answer carries the secret once; store it at once (only its hash is kept).
         */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a token */
        get: operations["getToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a token
         * @description Every seatsync process refuses the token within a second. The last active owner token cannot be revoked (create another owner token first).
         */
        post: operations["revokeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the tenant's settings */
        get: operations["getTenantSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the tenant's settings
         * @description Only the fields sent change; each change is recorded as a tenant.settings_changed event. New values apply to what happens from now on (a removal already scheduled keeps its date, an alert already collecting keeps its send time). `mail` is read only.
         */
        patch: operations["updateTenantSettings"];
        trace?: never;
    };
    "/webhooks/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The event types an endpoint can receive, with their payload versions
         * @description Sorted the catalog order (grouped by entity).
         */
        get: operations["listWebhookEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Sorted oldest first (by creation time, then id).
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Add a webhook endpoint
         * @description The answer carries the signing secret, shown this once. By default the URL must be https and resolve to public addresses only (checked again at every connection); the operator setting WEBHOOK_ALLOW_TARGETS=private allows local receivers.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a webhook endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Remove a webhook endpoint and its pending deliveries */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change the event types, description or enabled flag of an endpoint
         * @description To change the URL, add a new endpoint (its secret must not follow the messages to a new host).
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/webhooks/endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the signing secret
         * @description The new secret is shown this once. For `overlapHours` (default 24) every message carries signatures with both the new and the old secret, so the receiver can switch without rejecting a message.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a signed webhook.test message now and report the answer
         * @description Sent directly, not through the outbox: not retried, not in the delivery log.
         */
        post: operations["testWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver a range of past events to the endpoint again
         * @description Events of the endpoint's types in the range (event ids and/or times, inclusive; at most 10000) are queued again in order. Messages already sent keep their webhook-id, so a receiver can tell a replay from news.
         */
        post: operations["replayWebhookEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The endpoint's messages, newest first
         * @description Sorted newest first (by message id).
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/endpoints/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message with its attempt log */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in: tenant, role, token and the session’s expiries */
        get: operations["getSession"];
        put?: never;
        /**
         * Sign in to the console with an admin token
         * @description Answers with a session cookie (httpOnly, SameSite=Strict; Secure behind https) that authorises later requests; the answer carries the CSRF token those requests must send in X-CSRF-Token.
         */
        post: operations["signIn"];
        /** Sign out: ends the session and clears its cookie */
        delete: operations["signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcquireNumbersRequest: {
            /** @description ISO 3166-1 alpha-2 country code, e.g. SE */
            country: string;
            /** @enum {string} */
            kind: "fixed" | "mobile";
            quantity: number;
        };
        Address: {
            streetAddress?: string;
            locality?: string;
            region?: string;
            postalCode?: string;
            country?: string;
        } & {
            [key: string]: unknown;
        };
        Assignment: {
            id: string;
            userId: string;
            productId: string;
            /** @description Product key */
            product: string;
            /** @description Track key */
            track: string;
            /** @enum {string} */
            state: "scheduled" | "active" | "blocked" | "failed" | "removal_scheduled" | "grace" | "removed" | "cancelled";
            /** Format: date-time */
            effectiveAt: string;
            /** @description seat_unavailable, track_conflict, user_inactive or requirement_unmet:<kind> */
            blockedReasons: string[];
            blockedSince: string | null;
            /** @description The license of the same exclusive track it swaps out */
            replacesId: string | null;
            activatedAt: string | null;
            removalAt: string | null;
            graceEndsAt: string | null;
            /** @description requirement_lost: a license it requires stopped running (Voice for Unlimited 5G) */
            removalCause: ("admin" | "suspension" | "swap" | "grants_revoked" | "requirement_lost") | null;
            endedAt: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            grants: components["schemas"]["Grant"][];
        };
        AssignmentDetails: {
            id: string;
            userId: string;
            productId: string;
            /** @description Product key */
            product: string;
            /** @description Track key */
            track: string;
            /** @enum {string} */
            state: "scheduled" | "active" | "blocked" | "failed" | "removal_scheduled" | "grace" | "removed" | "cancelled";
            /** Format: date-time */
            effectiveAt: string;
            /** @description seat_unavailable, track_conflict, user_inactive or requirement_unmet:<kind> */
            blockedReasons: string[];
            blockedSince: string | null;
            /** @description The license of the same exclusive track it swaps out */
            replacesId: string | null;
            activatedAt: string | null;
            removalAt: string | null;
            graceEndsAt: string | null;
            /** @description requirement_lost: a license it requires stopped running (Voice for Unlimited 5G) */
            removalCause: ("admin" | "suspension" | "swap" | "grants_revoked" | "requirement_lost") | null;
            endedAt: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            grants: components["schemas"]["Grant"][];
            /** @description Every change, oldest first */
            history: components["schemas"]["Event"][];
        };
        AssignmentPage: {
            items: components["schemas"]["Assignment"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        AssignNumberRequest: {
            /** Format: uuid */
            userId: string;
        };
        AssignRequest: {
            userIds: string[];
            /** @description Product id or key */
            product: string;
            /** @description When the license starts; now when left out, null or past */
            effectiveAt?: string | null;
            /** @description The numbers the product needs. They are assigned to the users with the request, also when the license starts on a later date, so it finds them then */
            numbers?: {
                /** @description A fixed number of the pool (E.164) to give the user (one user only; reserved ones too) */
                fixed?: string;
                /** @description A mobile number of the pool (E.164) to give the user (one user only; reserved ones too) */
                mobile?: string;
                /**
                 * @description Pick the numbers the product needs and each user lacks from the pool, in each user's country (available numbers only: reserved and ported-in ones are taken only when named)
                 * @default false
                 */
                pickFromPool: boolean;
            };
            /**
             * @description When a user already has the product scheduled (or blocked): true moves it to this date; left out, the request is refused with 409 assignment.already_scheduled naming its date
             * @default false
             */
            reschedule: boolean;
            /** @description Buy the seats the assignment lacks on its date in the same request ("buy licenses" in the assign flow): one per user who has no license of the product, less the free ones; the order is in `order` */
            purchase?: {
                bindingMonths: number;
                /** @description Must be true: the order is refused with 422 terms.not_accepted otherwise */
                termsAccepted?: boolean;
            };
            /**
             * @description Refuse (409 seat.unavailable / requirement.unmet, nothing written) instead of keeping a blocked assignment
             * @default false
             */
            strict: boolean;
        };
        AssignResponse: {
            /** @description One per user, in the order given */
            results: components["schemas"]["AssignResult"][];
            /** @description With `purchase`: the seats bought (null when none were missing). Without: null */
            order: components["schemas"]["OrderSummary"] | null;
        };
        AssignResult: {
            assignment: components["schemas"]["Assignment"];
            /** @description Scheduled: what is missing on the projected date. Now: why it is blocked. Empty when fine */
            conflicts: components["schemas"]["Conflict"][];
        };
        AssignResultList: {
            /** @description One per user, in the order given */
            results: components["schemas"]["AssignResult"][];
        };
        /** @description One change, as the audit log records it */
        AuditEvent: {
            /** @description Grows with every event the tenant records */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            /** @description What happened, e.g. user.updated or assignment.activated */
            action: string;
            entity: {
                /** @enum {string} */
                type: "tenant" | "token" | "session" | "user" | "group" | "track" | "product" | "subscription" | "assignment" | "phone_number" | "port_order" | "rule" | "rule_hold" | "directory_connection" | "webhook_endpoint" | "import";
                id: string | null;
            };
            /** @description The user the event concerns, if any */
            userId: string | null;
            actor: components["schemas"]["EventActor"];
            /** @description The entity as it was (before) or became (after); null when none */
            before: unknown;
            /** @description The entity as it was (before) or became (after); null when none */
            after: unknown;
        };
        AuditEventPage: {
            items: components["schemas"]["AuditEvent"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        BulkCreateResult: {
            email: string;
            /** @enum {string} */
            status: "created" | "already_exists" | "invalid";
            /** @description The new user, or the one that already has this userName */
            userId?: string;
            message?: string;
        };
        BulkCreateUsersRequest: {
            emails: string[];
            /** @description ISO 3166-1 alpha-2 country code, e.g. SE */
            country?: string;
            /** @description BCP 47 language tag, e.g. en or sv-SE */
            language?: string;
            /** @description Queue the onboarding e-mail for each user created (in the language given or the default) */
            sendOnboardingEmail?: boolean;
        };
        BulkCreateUsersResponse: {
            /** @description One per e-mail address, in the order given */
            results: components["schemas"]["BulkCreateResult"][];
            created: number;
            alreadyExisting: number;
            invalid: number;
        };
        CancelPurchaseRequest: {
            /** @description Seats to cancel; all that are left when left out (the whole purchase ends) */
            quantity?: number;
            /** @description Must be true: the seats leave the inventory at the end of the binding period (422 confirmation.required) */
            confirmCancellation?: boolean;
        };
        ChangeAssignmentRequest: {
            /** @description Another product of the same exclusive track (id or key) */
            product: string;
            /** @description When the swap happens; now when left out */
            effectiveAt?: string | null;
            /** @description The numbers the product needs. They are assigned to the users with the request, also when the license starts on a later date, so it finds them then */
            numbers?: {
                /** @description A fixed number of the pool (E.164) to give the user (one user only; reserved ones too) */
                fixed?: string;
                /** @description A mobile number of the pool (E.164) to give the user (one user only; reserved ones too) */
                mobile?: string;
                /**
                 * @description Pick the numbers the product needs and each user lacks from the pool, in each user's country (available numbers only: reserved and ported-in ones are taken only when named)
                 * @default false
                 */
                pickFromPool: boolean;
            };
            /**
             * @description When a user already has the product scheduled (or blocked): true moves it to this date; left out, the request is refused with 409 assignment.already_scheduled naming its date
             * @default false
             */
            reschedule: boolean;
        };
        ConfirmPortOrderRequest: {
            /**
             * Format: date-time
             * @description The date the losing operator agreed to
             */
            portAt: string;
        };
        /** @description Why an assignment cannot be active now, or on its date */
        Conflict: {
            /** @description seat_unavailable, track_conflict, user_inactive or requirement_unmet:<kind> */
            reason: string;
            message: string;
            requirement?: components["schemas"]["Requirement"];
        };
        /** @description A directory phone number that is not one of the tenant's numbers, or is another user's */
        ContactConflict: {
            id: string;
            userId: string | null;
            /** @description The user's userName now (null once the user is gone) */
            userName: string | null;
            /** @description The user's display name now */
            displayName: string | null;
            /** @description The directory object id of the user */
            objectId: string;
            /** @description The profile attribute the number is mapped to, e.g. phoneNumbers.mobile */
            attribute: string;
            /** @description The number as the directory has it */
            number: string;
            e164: string | null;
            /** @enum {string} */
            code: "number.not_owned" | "number.assigned_to_other_user" | "number.not_international";
            message: string;
            createdAt: string;
        };
        ContactConflictPage: {
            items: components["schemas"]["ContactConflict"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description One contact reconciliation run of a directory connection */
        ContactReconciliation: {
            id: string;
            connectionId: string;
            /** @enum {string} */
            trigger: "schedule" | "cli" | "api" | "test";
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            startedAt: string;
            finishedAt: string | null;
            /** @description Active users linked to the connection whose contact fields were compared */
            checked: number;
            /** @description Users whose directory-owned contact fields had drifted and were set back to the directory's */
            fixed: number;
            /** @description Directory phone numbers that do not fit the tenant's number pool (see the conflicts endpoint) */
            conflicts: number;
            errorCode: string | null;
            errorMessage: string | null;
        };
        CreatedToken: {
            id: string;
            /** @description What the token is for, as given when it was created */
            label: string | null;
            /**
             * @description admin: this API; scim: an identity provider pushing users
             * @enum {string}
             */
            kind: "admin" | "scim";
            /** @description Admin tokens only; operator: the provider's, issued by the operator CLI, edits the catalog */
            role: ("owner" | "license_admin" | "read_only" | "operator") | null;
            /** @description Owner tokens only: the holder's contact e-mail, where the tenant's admin alerts go */
            email: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Recorded at most once a minute */
            lastUsedAt: string | null;
            revokedAt: string | null;
            /** @description The bearer token itself: shown in this response only, never again */
            secret: string;
        };
        CreatePortOrderRequest: {
            /** @description The number to port in, E.164 */
            number: string;
            /** @description ISO 3166-1 alpha-2 country code, e.g. SE */
            country: string;
            /** @enum {string} */
            kind: "fixed" | "mobile";
            losingOperator: string;
        };
        CreateProductRequest: {
            /** @description A stable, URL-safe key, e.g. business-mobile */
            key: string;
            name: string;
            /** @description Key of an existing track */
            track: string;
            /** @default [] */
            includes: string[];
            requirements?: components["schemas"]["RequirementInput"][];
            /** @default true */
            sellable: boolean;
            /** @default null */
            price: components["schemas"]["PriceInput"] | null;
            /** @default 0 */
            position: number;
        };
        CreateTokenRequest: {
            /** @description What the token is for, e.g. "Okta provisioning" */
            label: string;
            /** @enum {string} */
            kind: "admin" | "scim";
            /**
             * @description Required for admin tokens (operator tokens come from the operator CLI only)
             * @enum {string}
             */
            role?: "owner" | "license_admin" | "read_only";
            /**
             * Format: email
             * @description Owner tokens only: the holder's contact e-mail; the tenant's admin alerts go to every active owner's
             */
            email?: string;
        };
        CreateTrackRequest: {
            /** @description A stable, URL-safe key, e.g. business-mobile */
            key: string;
            name: string;
            exclusive: boolean;
            /** @default 0 */
            position: number;
        };
        CreateUserRequest: {
            firstName: string;
            surname: string;
            /**
             * Format: email
             * @description Becomes the userName
             */
            email: string;
            /** @description ISO 3166-1 alpha-2; the tenant's default country when left out */
            country?: string;
            /** @description BCP 47; the tenant's default language when left out */
            language?: string;
            department?: string;
            /**
             * @description Ask for a welcome e-mail to be sent to the new user
             * @default false
             */
            sendOnboardingEmail: boolean;
        };
        /** @description What an attribute mapping can name, and the mapping in force without overrides */
        DirectoryAttributeMapping: {
            /** @description Profile attribute ← directory property, before a connection's attributeMapping overrides */
            defaults: {
                [key: string]: "userPrincipalName" | "mail" | "givenName" | "surname" | "displayName" | "jobTitle" | "department" | "businessPhones" | "mobilePhone" | "officeLocation" | "usageLocation" | "preferredLanguage" | "employeeId" | "manager" | "extensionAttribute1" | "extensionAttribute2" | "extensionAttribute3" | "extensionAttribute4" | "extensionAttribute5" | "extensionAttribute6" | "extensionAttribute7" | "extensionAttribute8" | "extensionAttribute9" | "extensionAttribute10" | "extensionAttribute11" | "extensionAttribute12" | "extensionAttribute13" | "extensionAttribute14" | "extensionAttribute15";
            };
            /** @description Directory properties a mapping can read */
            sources: ("userPrincipalName" | "mail" | "givenName" | "surname" | "displayName" | "jobTitle" | "department" | "businessPhones" | "mobilePhone" | "officeLocation" | "usageLocation" | "preferredLanguage" | "employeeId" | "manager" | "extensionAttribute1" | "extensionAttribute2" | "extensionAttribute3" | "extensionAttribute4" | "extensionAttribute5" | "extensionAttribute6" | "extensionAttribute7" | "extensionAttribute8" | "extensionAttribute9" | "extensionAttribute10" | "extensionAttribute11" | "extensionAttribute12" | "extensionAttribute13" | "extensionAttribute14" | "extensionAttribute15")[];
            /** @description Targets inside a structured attribute; any other target is a plain attribute name */
            compositeTargets: string[];
            /** @description The targets contact reconciliation compares when owned */
            contactTargets: string[];
        };
        /** @description An Entra ID pull connection */
        DirectoryConnection: {
            id: string;
            /** @constant */
            kind: "entra";
            name: string;
            entraTenantId: string;
            clientId: string;
            /** @description The secret is write-only: stored encrypted, never returned */
            clientSecretSet: boolean;
            authorityHost: string | null;
            graphBaseUrl: string | null;
            scopedGroupIds: string[];
            attributeMapping: {
                [key: string]: ("userPrincipalName" | "mail" | "givenName" | "surname" | "displayName" | "jobTitle" | "department" | "businessPhones" | "mobilePhone" | "officeLocation" | "usageLocation" | "preferredLanguage" | "employeeId" | "manager" | "extensionAttribute1" | "extensionAttribute2" | "extensionAttribute3" | "extensionAttribute4" | "extensionAttribute5" | "extensionAttribute6" | "extensionAttribute7" | "extensionAttribute8" | "extensionAttribute9" | "extensionAttribute10" | "extensionAttribute11" | "extensionAttribute12" | "extensionAttribute13" | "extensionAttribute14" | "extensionAttribute15") | null;
            };
            directoryOwned: string[] | null;
            syncInterval: string;
            /** @description How often contact reconciliation runs */
            reconcileInterval: string;
            enabled: boolean;
            version: number;
            /** @enum {string} */
            nextRun: "incremental" | "full" | "resume";
            createdAt: string;
            updatedAt: string;
        };
        /** @description A group of the connection's directory, as its last sync saw it */
        DirectoryGroup: {
            /** @description The directory object id, as scopedGroupIds takes it */
            objectId: string;
            displayName: string | null;
            description: string | null;
        };
        /** @description One sync run of a directory connection */
        DirectorySyncRun: {
            id: string;
            connectionId: string;
            /** @enum {string} */
            trigger: "schedule" | "cli" | "api" | "test";
            /** @enum {string} */
            mode: "full" | "incremental";
            /** @enum {string} */
            status: "running" | "succeeded" | "failed" | "held" | "approved" | "rejected";
            startedAt: string;
            finishedAt: string | null;
            pages: number;
            created: number;
            updated: number;
            suspended: number;
            reactivated: number;
            groups: number;
            membershipsAdded: number;
            membershipsRemoved: number;
            /** @description Users a held run would suspend, waiting for approval */
            plannedSuspensions: string[] | null;
            problems: {
                objectId: string;
                code: string;
                message: string;
            }[];
            errorCode: string | null;
            errorMessage: string | null;
            decidedBy: string | null;
            decidedAt: string | null;
        };
        EmergencyAddressInput: {
            streetAddress: string;
            locality: string;
            region?: string;
            postalCode: string;
            /** @description ISO 3166-1 alpha-2 country code, e.g. SE */
            country: string;
        };
        Event: {
            id: string;
            /** @description e.g. assignment.scheduled, assignment.activated, assignment.blocked */
            action: string;
            /** Format: date-time */
            occurredAt: string;
            /** @enum {string} */
            actorType: "token" | "cli" | "job" | "connector" | "rule_engine" | "system";
            actorId: string | null;
            before: unknown;
            after: unknown;
        };
        /** @description Who made the change */
        EventActor: {
            /** @enum {string} */
            type: "token" | "cli" | "job" | "connector" | "rule_engine" | "system";
            /** @description Token id, rule id, connection id or job name */
            id: string | null;
            /** @description For people: the token's label, the rule's or connection's name */
            label: string;
        };
        FieldError: {
            /** @enum {string} */
            in: "params" | "query" | "headers" | "body";
            /** @description Dotted path inside that part of the request; empty for the part as a whole */
            field: string;
            /** @description The same path as a list of keys, array positions as numbers: ["userIds", 3] */
            path: (string | number)[];
            message: string;
        };
        /** @description Why an assignment exists: a direct assignment by an admin, a group rule, or an import */
        Grant: {
            /** @enum {string} */
            kind: "direct" | "rule" | "import";
            ruleId: string | null;
            grantedBy: string | null;
            /** Format: date-time */
            grantedAt: string;
        };
        GroupList: {
            items: components["schemas"]["GroupSummary"][];
        };
        GroupRef: {
            id: string;
            displayName: string;
        };
        GroupSummary: {
            id: string;
            displayName: string;
            /** @description Where the group came from: scim, entra, admin or import */
            source: string;
        };
        Import: {
            id: string;
            /** @enum {string} */
            status: "validated" | "applying" | "completed";
            fileName: string | null;
            /** @enum {string} */
            format: "csv" | "xlsx";
            strict: boolean;
            /** Format: date-time */
            createdAt: string;
            applyRequestedAt: string | null;
            completedAt: string | null;
            progress: {
                /** @description Rows in the file */
                total: number;
                /** @description Rows the dry run refused (never applied) */
                invalid: number;
                /** @description Rows the apply has handled so far */
                done: number;
                /** @description Rows that failed while being applied */
                failed: number;
            };
            summary: {
                rows: number;
                valid: number;
                invalid: number;
                users: {
                    create: number;
                    update: number;
                    unchanged: number;
                };
                products: {
                    product: string;
                    direct: number;
                    viaRules: number;
                    seatsAvailable: number;
                    seatShortfall: number;
                }[];
            };
        };
        ImportDryRun: {
            import: components["schemas"]["Import"];
            /** @description Headers that are not template columns */
            ignoredColumns: string[];
            rows: components["schemas"]["ImportRowOutcome"][];
        };
        ImportPage: {
            items: components["schemas"]["Import"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description A problem with a row, in the column it names (null: the row as a whole) */
        ImportRowError: {
            column: string | null;
            code: string;
            message: string;
        };
        ImportRowOutcome: {
            /** @description The line (CSV) or row number (XLSX) in the file */
            line: number;
            email: string | null;
            /** @enum {string} */
            status: "invalid" | "valid" | "applied" | "failed";
            user: {
                /** @enum {string} */
                action: "create" | "update" | "unchanged";
                id: string | null;
                changed: string[];
            } | null;
            numbers: {
                number: string;
                /** @enum {string} */
                kind: "fixed" | "mobile";
                /** @enum {string} */
                action: "assign" | "unchanged";
            }[];
            licenses: {
                product: string;
                /** @enum {string} */
                action: "assign" | "schedule" | "unchanged";
                /** @enum {string} */
                state: "active" | "scheduled" | "blocked" | "held";
                effectiveAt: string | null;
                conflicts: {
                    reason: string;
                    message: string;
                }[];
            }[];
            groups: {
                group: string;
                /** @enum {string} */
                action: "join" | "unchanged";
            }[];
            /** @description Licenses the active rules would grant through the groups the row joins */
            ruleLicenses: {
                ruleId: string;
                ruleName: string;
                product: string;
            }[];
            errors: components["schemas"]["ImportRowError"][];
        };
        Inventory: {
            items: components["schemas"]["InventoryLine"][];
        };
        InventoryLine: {
            productId: string;
            productKey: string;
            productName: string;
            /** @description The product's monthly list price per seat (null: none) */
            price: components["schemas"]["Price"] | null;
            /** @description The seats purchased now, a month, at that price */
            monthlyCost: components["schemas"]["Money"] | null;
            /** @description Seats of subscriptions running now (partial cancellations in effect taken away) */
            purchased: number;
            /** @description Seats taken now: active + removal scheduled + grace */
            held: number;
            active: number;
            removalScheduled: number;
            grace: number;
            scheduled: number;
            blocked: number;
            availableNow: number;
            /** @description Present when `on` was asked for: the seats free on that date */
            on?: {
                /** Format: date-time */
                date: string;
                purchased: number;
                /** @description Held then, blocked, and scheduled to start by then (grace ending before excepted) */
                committed: number;
                available: number;
            };
        };
        /** @description Why the user has this license: the grants, rules and groups behind it */
        LicenseExplanation: {
            assignmentId: string;
            userId: string;
            product: string;
            state: string;
            grants: {
                /** @enum {string} */
                kind: "direct" | "rule" | "import";
                grantedBy: string | null;
                /** Format: date-time */
                grantedAt: string;
                rule?: {
                    id: string;
                    name: string;
                    /** @description Null once the source group was deleted */
                    groupId: string | null;
                    /** @description The source group's display name; null once it was deleted */
                    groupName: string | null;
                    filter: string | null;
                    productId: string;
                    /** @description Product key */
                    product: string;
                    priority: number;
                    activation: {
                        /** @constant */
                        kind: "now";
                    } | {
                        /** @constant */
                        kind: "on_date";
                        /** Format: date-time */
                        date: string;
                    } | {
                        /** @constant */
                        kind: "after_days";
                        days: number;
                    };
                    removalGraceDays: number | null;
                    pickNumbers: boolean;
                    /** @enum {string} */
                    status: "draft" | "active" | "retired";
                    version: number;
                    /** Format: date-time */
                    createdAt: string;
                    /** Format: date-time */
                    updatedAt: string;
                    group: {
                        id: string;
                        displayName: string;
                        deleted: boolean;
                    } | null;
                };
                stillMatches?: boolean;
            }[];
            conflicts: {
                kind: string;
                ruleId: string | null;
                message: string;
                /** Format: date-time */
                detectedAt: string;
            }[];
        };
        Money: {
            /** @description A decimal in the currency, e.g. "745.00" */
            amount: string;
            /** @description The same in minor units (öre, cent) */
            amountMinor: number;
            /** @description ISO 4217 code */
            currency: string;
        };
        /** @description An e-mail address or phone number with its type (work, mobile, …), as the directory gave it */
        MultiValue: {
            value?: string;
            type?: string;
            primary?: boolean;
        } & {
            [key: string]: unknown;
        };
        /** @description The seats bought with an assignment */
        OrderSummary: {
            /** @description Product key */
            product: string;
            productName: string;
            /** @description Seats bought: what the assignment lacked on its date */
            quantity: number;
            bindingMonths: number;
            /** @description Monthly list price per seat (null: none) */
            unitPrice: components["schemas"]["Price"] | null;
            /** @description quantity × the monthly price */
            monthlyTotal: components["schemas"]["Money"] | null;
            /** @description The monthly total over the binding period */
            bindingTotal: components["schemas"]["Money"] | null;
            /** @description The purchase, with who accepted the terms and when */
            subscription: components["schemas"]["Subscription"];
        };
        PhoneNumber: {
            id: string;
            e164: string;
            /** @enum {string} */
            kind: "fixed" | "mobile";
            country: string;
            /** @enum {string} */
            status: "available" | "reserved" | "assigned" | "porting" | "quarantine";
            /** @enum {string} */
            origin: "provider" | "port_in";
            userId: string | null;
            quarantineUntil: string | null;
            version: number;
        };
        PhoneNumberList: {
            items: components["schemas"]["PhoneNumber"][];
        };
        PhoneNumberPage: {
            items: components["schemas"]["PhoneNumber"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description A port-in of a number from another operator; completed, the number is reserved in the pool */
        PortOrder: {
            id: string;
            e164: string;
            /** @enum {string} */
            kind: "fixed" | "mobile";
            country: string;
            losingOperator: string;
            /** @enum {string} */
            state: "submitted" | "confirmed" | "completed" | "rejected" | "cancelled";
            /** @description When the number moves (set when the losing operator confirms) */
            portAt: string | null;
            rejectReason: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        PortOrderPage: {
            items: components["schemas"]["PortOrder"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description The product's monthly list price per seat */
        Price: {
            /** @description Monthly list price per seat, a decimal in the currency (e.g. "149.00") */
            monthly: string;
            /** @description The same in minor units (öre, cent) */
            monthlyMinor: number;
            /** @description ISO 4217 code */
            currency: string;
        };
        PriceInput: {
            /** @description Monthly price per seat in minor units */
            monthlyMinor: number;
            /** @description ISO 4217 code, e.g. SEK */
            currency: string;
        };
        /** @description An RFC 9457 problem document (application/problem+json) */
        Problem: {
            /** @description A URN naming the problem type: urn:seatsync:problem:<code> */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description Stable, dotted machine-readable code, e.g. user.not_found or permission.denied */
            code: string;
            /** @description The fields of the request at fault, when the problem lies in fields: one entry per field */
            errors?: components["schemas"]["FieldError"][];
            /** @description Machine-readable specifics of the problem, e.g. unmet requirements */
            details?: {
                [key: string]: unknown;
            };
        };
        Product: {
            id: string;
            key: string;
            name: string;
            /** @description Key of the track the product belongs to */
            track: string;
            /** @description Feature lines, for the side-by-side comparison */
            includes: string[];
            requirements: components["schemas"]["Requirement"][];
            /** @description Only a sellable product can be assigned (409 product.not_sellable) */
            sellable: boolean;
            /** @description Null: no list price (priced on request) */
            price: components["schemas"]["Price"] | null;
            position: number;
            /** @description Send back as If-Match: W/"<version>" to edit safely */
            version: number;
            /** @description When the provider retired it; never sold again */
            retiredAt: string | null;
        };
        ProductComparison: {
            track: {
                key: string;
                name: string;
                exclusive: boolean;
            };
            products: {
                id: string;
                key: string;
                name: string;
                requirements: components["schemas"]["Requirement"][];
                price: components["schemas"]["Price"] | null;
            }[];
            /** @description One row per feature of any product in the track */
            features: {
                feature: string;
                /** @description Product keys */
                includedIn: string[];
            }[];
        };
        ProductList: {
            items: components["schemas"]["Product"][];
        };
        PurchaseRequest: {
            /** @description Product id or key */
            product: string;
            quantity: number;
            bindingMonths: number;
            /**
             * Format: date-time
             * @description When the seats (and the binding period) start; now when left out
             */
            startsAt?: string;
            /** @description Must be true: the order is refused with 422 terms.not_accepted otherwise */
            termsAccepted?: boolean;
        };
        RejectPortOrderRequest: {
            reason: string;
        };
        ReleaseNumberRequest: {
            /**
             * @description Running licenses of the user that the change would leave without a requirement: `refuse` (the default) answers 409 requirement.would_break naming them; `grace` stops them in the same transaction (grace, cause requirement_lost, reasons on the license), and they run again by themselves once the requirement is met
             * @enum {string}
             */
            brokenLicenses?: "refuse" | "grace";
        };
        RemoveAssignmentRequest: {
            /** @description Must be true: removal deletes the user's call history, forwarding, voicemail and device activation */
            confirmDataLoss?: boolean;
            /**
             * Format: date-time
             * @description When the service stops; now (straight to grace) when left out
             */
            at?: string;
            /** @description When other licenses of the user require this one (Unlimited 5G needs an active Voice license): true stops them with it (cause requirement_lost); left out, the removal is refused with 409 requirement.dependents */
            removeDependents?: boolean;
            /** @description true: no grace — the seat is freed and the data deleted now (with confirmDataLoss; not with a future `at`). Also ends a license already in grace */
            freeSeatNow?: boolean;
        };
        /** @description What a product needs before it can be active for a user */
        Requirement: {
            /** @constant */
            kind: "fixed_number";
        } | {
            /** @constant */
            kind: "mobile_number";
        } | {
            /** @constant */
            kind: "active_license_in_track";
            track: string;
        } | {
            /** @constant */
            kind: "emergency_address";
            countries: string[];
        } | {
            /** @constant */
            kind: "sold_in_country";
            countries: string[];
        };
        RequirementInput: {
            /** @constant */
            kind: "fixed_number";
        } | {
            /** @constant */
            kind: "mobile_number";
        } | {
            /** @constant */
            kind: "active_license_in_track";
            /** @description A stable, URL-safe key, e.g. business-mobile */
            track: string;
        } | {
            /** @constant */
            kind: "emergency_address";
            countries: string[];
        } | {
            /** @constant */
            kind: "sold_in_country";
            countries: string[];
        };
        RescheduleRequest: {
            /**
             * Format: date-time
             * @description The new date; now or past activates it at once
             */
            effectiveAt: string;
        };
        Rule: {
            id: string;
            name: string;
            /** @description Null once the source group was deleted */
            groupId: string | null;
            /** @description The source group's display name; null once it was deleted */
            groupName: string | null;
            filter: string | null;
            productId: string;
            /** @description Product key */
            product: string;
            priority: number;
            activation: {
                /** @constant */
                kind: "now";
            } | {
                /** @constant */
                kind: "on_date";
                /** Format: date-time */
                date: string;
            } | {
                /** @constant */
                kind: "after_days";
                days: number;
            };
            removalGraceDays: number | null;
            pickNumbers: boolean;
            /** @enum {string} */
            status: "draft" | "active" | "retired";
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description Only the fields named change */
        RuleChangeRequest: {
            name?: string;
            /**
             * Format: uuid
             * @description The source group
             */
            groupId?: string;
            /** @description A SCIM filter over user attributes narrowing the group, e.g. country eq "SE" and department eq "Sales" */
            filter?: string | null;
            /** @description Product id or key */
            product?: string;
            /** @description Inside an exclusive track the lowest number wins */
            priority?: number;
            /** @description When a granted license starts: now, on a date, or N days after the user appeared in seatsync */
            activation?: {
                /** @constant */
                kind: "now";
            } | {
                /** @constant */
                kind: "on_date";
                /** @description A date (2026-05-01, meaning 00:00 UTC) or an ISO 8601 date and time */
                date: string;
            } | {
                /** @constant */
                kind: "after_days";
                days: number;
            };
            /** @description Days a revoked license stays in grace before its seat is freed; null: the tenant's setting */
            removalGraceDays?: number | null;
            /** @description Give users the numbers their product needs from the pool, matching their country */
            pickNumbers?: boolean;
        };
        RuleConflict: {
            userId: string;
            userName: string;
            ruleId: string | null;
            productId: string | null;
            /** @enum {string} */
            kind: "priority_lost" | "track_held_by_direct" | "requirement_unmet" | "dependents_lose_requirement" | "grant_failed";
            message: string;
            details?: {
                [key: string]: unknown;
            };
        };
        RuleConflictPage: {
            items: {
                userId: string;
                userName: string;
                ruleId: string | null;
                productId: string | null;
                /** @enum {string} */
                kind: "priority_lost" | "track_held_by_direct" | "requirement_unmet" | "dependents_lose_requirement" | "grant_failed";
                message: string;
                details?: {
                    [key: string]: unknown;
                };
                /** Format: date-time */
                detectedAt: string;
            }[];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        RuleHold: {
            id: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
            cause: string;
            threshold: number;
            /** @description Licenses whose removal waits for (or was refused by) an admin */
            removals: number;
            /** Format: date-time */
            createdAt: string;
            decidedAt: string | null;
            decidedBy: string | null;
        };
        RuleHoldDetail: {
            id: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected";
            cause: string;
            threshold: number;
            /** @description Licenses whose removal waits for (or was refused by) an admin */
            removals: number;
            /** Format: date-time */
            createdAt: string;
            decidedAt: string | null;
            decidedBy: string | null;
            items: {
                userId: string;
                userName: string;
                ruleId: string;
                ruleName: string;
                productId: string;
                productKey: string;
            }[];
        };
        RuleHoldPage: {
            items: components["schemas"]["RuleHold"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        RulePage: {
            items: components["schemas"]["Rule"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description What applying the proposed rules would do; nothing was written */
        RulePreview: {
            rules: {
                before: number;
                after: number;
            };
            products: {
                productId: string;
                productKey: string;
                productName: string;
                /** @description New licenses */
                add: number;
                /** @description Grants joining a license the user already has */
                join: number;
                /** @description Licenses that end */
                remove: number;
                seatsAvailable: number;
                seatShortfall: number;
            }[];
            /** @description Users who would get a license they do not hold yet (up to `limit` listed) */
            gaining: {
                total: number;
                items: {
                    userId: string;
                    userName: string;
                    productKey: string;
                    ruleId: string | null;
                }[];
            };
            numbers: {
                country: string;
                /** @enum {string} */
                kind: "fixed" | "mobile";
                needed: number;
                available: number;
                shortfall: number;
            }[];
            losingService: {
                total: number;
                items: {
                    userId: string;
                    userName: string;
                    productKey: string;
                    /** @enum {string} */
                    reason: "grant_revoked" | "requirement_lost";
                    ruleId: string | null;
                }[];
            };
            conflicts: {
                total: number;
                byKind: {
                    [key: string]: number;
                };
                items: components["schemas"]["RuleConflict"][];
            };
            massChange: {
                threshold: number;
                licensesStopped: number;
                wouldBeHeld: boolean;
            };
        };
        RulePreviewRequest: {
            /** @description The whole proposed set of active rules */
            rules?: {
                name: string;
                /**
                 * Format: uuid
                 * @description The source group
                 */
                groupId: string;
                /** @description A SCIM filter over user attributes narrowing the group, e.g. country eq "SE" and department eq "Sales" */
                filter?: string | null;
                /** @description Product id or key */
                product: string;
                /**
                 * @description Inside an exclusive track the lowest number wins
                 * @default 100
                 */
                priority: number;
                /** @description When a granted license starts: now, on a date, or N days after the user appeared in seatsync */
                activation?: {
                    /** @constant */
                    kind: "now";
                } | {
                    /** @constant */
                    kind: "on_date";
                    /** @description A date (2026-05-01, meaning 00:00 UTC) or an ISO 8601 date and time */
                    date: string;
                } | {
                    /** @constant */
                    kind: "after_days";
                    days: number;
                };
                /** @description Days a revoked license stays in grace before its seat is freed; null: the tenant's setting */
                removalGraceDays?: number | null;
                /**
                 * @description Give users the numbers their product needs from the pool, matching their country
                 * @default false
                 */
                pickNumbers: boolean;
                /**
                 * Format: uuid
                 * @description The existing rule this entry edits; absent: a new rule
                 */
                id?: string;
            }[];
            /** @description One change to today's rules */
            change?: {
                /** @constant */
                op: "create";
                rule: {
                    name: string;
                    /**
                     * Format: uuid
                     * @description The source group
                     */
                    groupId: string;
                    /** @description A SCIM filter over user attributes narrowing the group, e.g. country eq "SE" and department eq "Sales" */
                    filter?: string | null;
                    /** @description Product id or key */
                    product: string;
                    /**
                     * @description Inside an exclusive track the lowest number wins
                     * @default 100
                     */
                    priority: number;
                    /** @description When a granted license starts: now, on a date, or N days after the user appeared in seatsync */
                    activation?: {
                        /** @constant */
                        kind: "now";
                    } | {
                        /** @constant */
                        kind: "on_date";
                        /** @description A date (2026-05-01, meaning 00:00 UTC) or an ISO 8601 date and time */
                        date: string;
                    } | {
                        /** @constant */
                        kind: "after_days";
                        days: number;
                    };
                    /** @description Days a revoked license stays in grace before its seat is freed; null: the tenant's setting */
                    removalGraceDays?: number | null;
                    /**
                     * @description Give users the numbers their product needs from the pool, matching their country
                     * @default false
                     */
                    pickNumbers: boolean;
                };
            } | {
                /** @constant */
                op: "update";
                /** Format: uuid */
                ruleId: string;
                rule: {
                    name?: string;
                    /**
                     * Format: uuid
                     * @description The source group
                     */
                    groupId?: string;
                    /** @description A SCIM filter over user attributes narrowing the group, e.g. country eq "SE" and department eq "Sales" */
                    filter?: string | null;
                    /** @description Product id or key */
                    product?: string;
                    /** @description Inside an exclusive track the lowest number wins */
                    priority?: number;
                    /** @description When a granted license starts: now, on a date, or N days after the user appeared in seatsync */
                    activation?: {
                        /** @constant */
                        kind: "now";
                    } | {
                        /** @constant */
                        kind: "on_date";
                        /** @description A date (2026-05-01, meaning 00:00 UTC) or an ISO 8601 date and time */
                        date: string;
                    } | {
                        /** @constant */
                        kind: "after_days";
                        days: number;
                    };
                    /** @description Days a revoked license stays in grace before its seat is freed; null: the tenant's setting */
                    removalGraceDays?: number | null;
                    /** @description Give users the numbers their product needs from the pool, matching their country */
                    pickNumbers?: boolean;
                };
            } | {
                /** @constant */
                op: "activate";
                /** Format: uuid */
                ruleId: string;
            } | {
                /** @constant */
                op: "retire";
                /** Format: uuid */
                ruleId: string;
            };
            /**
             * @description Users listed per section (totals are complete)
             * @default 100
             */
            limit: number;
        };
        RuleReconcileRequested: {
            /** @constant */
            requested: true;
            message: string;
        };
        RuleRequest: {
            name: string;
            /**
             * Format: uuid
             * @description The source group
             */
            groupId: string;
            /** @description A SCIM filter over user attributes narrowing the group, e.g. country eq "SE" and department eq "Sales" */
            filter?: string | null;
            /** @description Product id or key */
            product: string;
            /**
             * @description Inside an exclusive track the lowest number wins
             * @default 100
             */
            priority: number;
            /** @description When a granted license starts: now, on a date, or N days after the user appeared in seatsync */
            activation?: {
                /** @constant */
                kind: "now";
            } | {
                /** @constant */
                kind: "on_date";
                /** @description A date (2026-05-01, meaning 00:00 UTC) or an ISO 8601 date and time */
                date: string;
            } | {
                /** @constant */
                kind: "after_days";
                days: number;
            };
            /** @description Days a revoked license stays in grace before its seat is freed; null: the tenant's setting */
            removalGraceDays?: number | null;
            /**
             * @description Give users the numbers their product needs from the pool, matching their country
             * @default false
             */
            pickNumbers: boolean;
            /**
             * @description A draft is evaluated only by previews
             * @default draft
             * @enum {string}
             */
            status: "draft" | "active";
        };
        /** @description A seat purchase: one product, a quantity, a binding period */
        Subscription: {
            id: string;
            productId: string;
            productKey: string;
            /** @description Seats bought */
            quantity: number;
            /** @description Partial cancellations: seats that leave the purchase on their date; the rest stays */
            cancellations: {
                quantity: number;
                /**
                 * Format: date-time
                 * @description When the seats leave: the end of the binding period
                 */
                effectiveAt: string;
                confirmedBy: string;
                /** Format: date-time */
                createdAt: string;
            }[];
            /** @description Seats left once every partial cancellation is in effect */
            quantityOnEnd: number;
            /** Format: date-time */
            startsAt: string;
            bindingMonths: number;
            /** Format: date-time */
            bindingEndsAt: string;
            /** @description Set once cancelled: the end of the binding period, or the cancellation */
            endsAt: string | null;
            /** @description Who accepted the terms (e.g. token:<id>) */
            termsAcceptedBy: string;
            /** Format: date-time */
            termsAcceptedAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        SubscriptionPage: {
            items: components["schemas"]["Subscription"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description The tenant's settings */
        TenantSettings: {
            /** @description Country of users created without one (ISO 3166-1 alpha-2) */
            defaultCountry: string;
            /** @description Language of users created without one, e.g. their onboarding e-mail */
            defaultLanguage: string;
            /** @description Days between a user's suspension and the removal of their licenses */
            suspensionGraceDays: number;
            /** @description Days a removed license keeps its data (seat held) before the seat is freed */
            licenseGraceDays: number;
            /** @description Days a blocked assignment keeps retrying before it turns failed */
            blockedCutoffDays: number;
            /** @description Days a released number rests before it can be handed out again */
            numberQuarantineDays: number;
            /** @description Running licenses one change (a rule edit, a sync run) may remove before it is held for approval */
            massChangeThreshold: number;
            /** @description Where admin alerts go besides the owners' contact e-mails (their tokens' `email`), e.g. a shared mailbox; an address in both gets one copy */
            notificationAddresses: string[];
            /** @description Alert when a product's free seats fall to this many or fewer; null: no seat alerts */
            seatsLowThreshold: number | null;
            /** @description How long alerts about one cause collect into one e-mail before it is sent */
            alertGroupSeconds: number;
            /** @description Where new users sign in (http or https); the onboarding e-mail names it */
            signInUrl: string | null;
            /** @description Read only: the e-mail service of this installation */
            mail: {
                /** @description Whether the operator configured SMTP (SMTP_URL); without it e-mails wait in the outbox */
                enabled: boolean;
            };
        };
        /** @description An API token, without its secret */
        Token: {
            id: string;
            /** @description What the token is for, as given when it was created */
            label: string | null;
            /**
             * @description admin: this API; scim: an identity provider pushing users
             * @enum {string}
             */
            kind: "admin" | "scim";
            /** @description Admin tokens only; operator: the provider's, issued by the operator CLI, edits the catalog */
            role: ("owner" | "license_admin" | "read_only" | "operator") | null;
            /** @description Owner tokens only: the holder's contact e-mail, where the tenant's admin alerts go */
            email: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Recorded at most once a minute */
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        TokenPage: {
            items: components["schemas"]["Token"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        Track: {
            id: string;
            key: string;
            name: string;
            /** @description A user holds at most one license of an exclusive track; changing it is a swap */
            exclusive: boolean;
            position: number;
        };
        TrackList: {
            items: components["schemas"]["Track"][];
        };
        /** @description Fields to change; those left out stay as they are. The key and track of a product never change */
        UpdateProductRequest: {
            name?: string;
            includes?: string[];
            /** @description Replaces the whole list */
            requirements?: components["schemas"]["RequirementInput"][];
            sellable?: boolean;
            /** @description null removes the list price */
            price?: components["schemas"]["PriceInput"] | null;
            position?: number;
        };
        /** @description Settings to change; fields left out stay as they are */
        UpdateTenantSettingsRequest: {
            /** @description Country of users created without one (ISO 3166-1 alpha-2) */
            defaultCountry?: string;
            /** @description Language of users created without one, e.g. their onboarding e-mail */
            defaultLanguage?: string;
            /** @description Days between a user's suspension and the removal of their licenses */
            suspensionGraceDays?: number;
            /** @description Days a removed license keeps its data (seat held) before the seat is freed */
            licenseGraceDays?: number;
            /** @description Days a blocked assignment keeps retrying before it turns failed */
            blockedCutoffDays?: number;
            /** @description Days a released number rests before it can be handed out again */
            numberQuarantineDays?: number;
            /** @description Running licenses one change (a rule edit, a sync run) may remove before it is held for approval */
            massChangeThreshold?: number;
            /** @description Where admin alerts go besides the owners' contact e-mails (their tokens' `email`), e.g. a shared mailbox; an address in both gets one copy */
            notificationAddresses?: string[];
            /** @description Alert when a product's free seats fall to this many or fewer; null: no seat alerts */
            seatsLowThreshold?: number | null;
            /** @description How long alerts about one cause collect into one e-mail before it is sent */
            alertGroupSeconds?: number;
            /** @description Where new users sign in (http or https); the onboarding e-mail names it */
            signInUrl?: string | null;
        };
        /** @description Contact details to change; fields left out stay as they are */
        UpdateUserRequest: {
            firstName?: string;
            surname?: string;
            /** @description null goes back to first name and surname */
            displayName?: string | null;
            department?: string | null;
            title?: string | null;
            /** @description Sets (or with null removes) the work and mobile numbers; numbers of other types are kept. Only the tenant's pool numbers assigned to this user may be set (409 number.not_owned otherwise: assign one from the pool with POST /numbers/{id}/assign), and a pool-assigned number cannot be removed here (409 number.pool_assigned: release it) */
            phoneNumbers?: {
                work?: string | null;
                mobile?: string | null;
            };
            /** @description ISO 3166-1 alpha-2 country code, e.g. SE */
            country?: string;
            language?: string | null;
            emergencyAddress?: components["schemas"]["EmergencyAddressInput"] | null;
            /**
             * @description Running licenses of the user that the change would leave without a requirement: `refuse` (the default) answers 409 requirement.would_break naming them; `grace` stops them in the same transaction (grace, cause requirement_lost, reasons on the license), and they run again by themselves once the requirement is met
             * @enum {string}
             */
            brokenLicenses?: "refuse" | "grace";
        };
        UserDetails: {
            id: string;
            userName: string;
            externalId: string | null;
            displayName: string | null;
            firstName: string | null;
            surname: string | null;
            /** @description The primary e-mail address */
            email: string | null;
            emails: components["schemas"]["MultiValue"][];
            phoneNumbers: components["schemas"]["MultiValue"][];
            department: string | null;
            title: string | null;
            /** @description ISO 3166-1 alpha-2 country the telephony service is provisioned in */
            country: string | null;
            /** @description Preferred language (BCP 47) */
            language: string | null;
            emergencyAddress: components["schemas"]["Address"] | null;
            /** @enum {string} */
            status: "active" | "suspended";
            /**
             * @description Where the user came from
             * @enum {string}
             */
            source: "scim" | "entra" | "admin" | "import";
            /** @description Increases with every change; send it back as If-Match: W/"<version>" */
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Groups the user is a direct member of */
            groups: components["schemas"]["GroupRef"][];
            licenses: components["schemas"]["UserLicenses"];
            /** @description The onboarding e-mail, when one was asked for (sendOnboardingEmail); queued while e-mail is off */
            onboardingEmail: {
                /** @enum {string} */
                state: "queued" | "sent" | "failed";
                attempts: number;
                requestedAt: string;
                sentAt: string | null;
                lastError: string | null;
            } | null;
        };
        /** @description The user's licenses, numbers and conflicts */
        UserLicenses: {
            /** @description Every license of the user that is not ended, with why it is blocked */
            assignments: {
                id: string;
                userId: string;
                productId: string;
                /** @description Product key */
                product: string;
                /** @description Track key */
                track: string;
                /** @enum {string} */
                state: "scheduled" | "active" | "blocked" | "failed" | "removal_scheduled" | "grace" | "removed" | "cancelled";
                /** Format: date-time */
                effectiveAt: string;
                /** @description seat_unavailable, track_conflict, user_inactive or requirement_unmet:<kind> */
                blockedReasons: string[];
                blockedSince: string | null;
                /** @description The license of the same exclusive track it swaps out */
                replacesId: string | null;
                activatedAt: string | null;
                removalAt: string | null;
                graceEndsAt: string | null;
                /** @description requirement_lost: a license it requires stopped running (Voice for Unlimited 5G) */
                removalCause: ("admin" | "suspension" | "swap" | "grants_revoked" | "requirement_lost") | null;
                endedAt: string | null;
                version: number;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                updatedAt: string;
                grants: components["schemas"]["Grant"][];
                conflicts: components["schemas"]["Conflict"][];
            }[];
            /** @description Pool numbers assigned to the user */
            numbers: components["schemas"]["PhoneNumber"][];
            /** @description Everything that keeps a license of the user from being active */
            conflicts: {
                /** @description seat_unavailable, track_conflict, user_inactive or requirement_unmet:<kind> */
                reason: string;
                message: string;
                requirement?: components["schemas"]["Requirement"];
                assignmentId: string;
                product: string;
            }[];
            /** @description Phone numbers in the contact details (from the IdP or directory) that are not the tenant's pool numbers assigned to this user: kept as contact data, they satisfy no requirement */
            numberConflicts: {
                value: string;
                type: string | null;
                /** @enum {string} */
                holder: "pool" | "other_user" | "not_tenant";
                message: string;
            }[];
        };
        /** @description A license of the user that has not ended (the user's page has its grants and conflicts) */
        UserLicenseSummary: {
            assignmentId: string;
            /** @description Product key */
            product: string;
            /** @description Track key */
            track: string;
            /** @description scheduled, active, blocked, removal_scheduled, grace or failed */
            state: string;
            /** Format: date-time */
            effectiveAt: string;
        };
        UserListItem: {
            id: string;
            userName: string;
            externalId: string | null;
            displayName: string | null;
            firstName: string | null;
            surname: string | null;
            /** @description The primary e-mail address */
            email: string | null;
            emails: components["schemas"]["MultiValue"][];
            phoneNumbers: components["schemas"]["MultiValue"][];
            department: string | null;
            title: string | null;
            /** @description ISO 3166-1 alpha-2 country the telephony service is provisioned in */
            country: string | null;
            /** @description Preferred language (BCP 47) */
            language: string | null;
            emergencyAddress: components["schemas"]["Address"] | null;
            /** @enum {string} */
            status: "active" | "suspended";
            /**
             * @description Where the user came from
             * @enum {string}
             */
            source: "scim" | "entra" | "admin" | "import";
            /** @description Increases with every change; send it back as If-Match: W/"<version>" */
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description With includeLicenses=true: every license of the user that has not ended, by track */
            licenses?: components["schemas"]["UserLicenseSummary"][];
        };
        UserPage: {
            items: components["schemas"]["UserListItem"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        /** @description One message to one endpoint */
        WebhookDelivery: {
            id: string;
            /** @description The webhook-id header this message carries on every attempt */
            webhookId: string;
            eventId: string | null;
            type: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /** @description When a pending message is tried next */
            nextAttemptAt: string | null;
            lastError: string | null;
            createdAt: string;
            deliveredAt: string | null;
        };
        /** @description Where a tenant receives signed webhooks */
        WebhookEndpoint: {
            id: string;
            url: string;
            description: string | null;
            eventTypes: ("user.created" | "user.updated" | "user.suspended" | "user.reactivated" | "user.deleted" | "assignment.scheduled" | "assignment.rescheduled" | "assignment.activated" | "assignment.blocked" | "assignment.failed" | "assignment.removal_scheduled" | "assignment.grace" | "assignment.restored" | "assignment.removed" | "assignment.cancelled" | "number.assigned" | "number.released" | "number.reserved" | "number.acquired" | "port_order.submitted" | "port_order.confirmed" | "port_order.completed" | "port_order.rejected" | "port_order.cancelled" | "subscription.purchased" | "subscription.cancelled" | "subscription.partially_cancelled")[];
            enabled: boolean;
            /** @description Failed attempts since the last success */
            consecutiveFailures: number;
            disabledReason: string | null;
            /** @description Until then messages are also signed with the secret before the last rotation */
            previousSecretExpiresAt: string | null;
            version: number;
            createdAt: string;
            updatedAt: string;
        };
        WebhookEndpointWithSecret: {
            id: string;
            url: string;
            description: string | null;
            eventTypes: ("user.created" | "user.updated" | "user.suspended" | "user.reactivated" | "user.deleted" | "assignment.scheduled" | "assignment.rescheduled" | "assignment.activated" | "assignment.blocked" | "assignment.failed" | "assignment.removal_scheduled" | "assignment.grace" | "assignment.restored" | "assignment.removed" | "assignment.cancelled" | "number.assigned" | "number.released" | "number.reserved" | "number.acquired" | "port_order.submitted" | "port_order.confirmed" | "port_order.completed" | "port_order.rejected" | "port_order.cancelled" | "subscription.purchased" | "subscription.cancelled" | "subscription.partially_cancelled")[];
            enabled: boolean;
            /** @description Failed attempts since the last success */
            consecutiveFailures: number;
            disabledReason: string | null;
            /** @description Until then messages are also signed with the secret before the last rotation */
            previousSecretExpiresAt: string | null;
            version: number;
            createdAt: string;
            updatedAt: string;
            /** @description The signing secret (whsec_…), shown this once: store it in the receiver */
            secret: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listUsers: {
        parameters: {
            query?: {
                /** @description Matches userName, display name, department or any e-mail address (substring, case-insensitive), or any phone number (by its digits: +46 8 123 finds +468123…) */
                q?: string;
                status?: "active" | "suspended";
                /** @description Only users of this department (whole name, case-insensitive) */
                department?: string;
                /** @description Only users provisioned in this country */
                country?: string;
                /** @description Only users holding or waiting for a license of this product (id or key) that has not ended */
                product?: string;
                /** @description true: each user carries `licenses` (one more query for the whole page) */
                includeLicenses?: "true" | "false";
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description The new user */
            201: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDetails"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.username_taken`: The userName is already taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkCreateUsersRequest"];
            };
        };
        responses: {
            /** @description One result per address */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkCreateUsersResponse"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDetails"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you last read (W/"<version>"); the write is refused with 412 if the resource changed since */
                "if-match"?: string;
            };
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserRequest"];
            };
        };
        responses: {
            /** @description The user as changed */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDetails"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `requirement.would_break`: The change leaves running licenses without a requirement; `number.not_owned`: The number is not one of the tenant's numbers assigned to this user; `number.pool_assigned`: The number is assigned to the user from the pool */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.version_mismatch`: The user has changed since you read it */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    suspendUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you last read (W/"<version>"); the write is refused with 412 if the resource changed since */
                "if-match"?: string;
            };
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user as it now is */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDetails"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.version_mismatch`: The user has changed since you read it */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reactivateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you last read (W/"<version>"); the write is refused with 412 if the resource changed since */
                "if-match"?: string;
            };
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user as it now is */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDetails"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.version_mismatch`: The user has changed since you read it */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDirectoryConnections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connections */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DirectoryConnection"][];
                    };
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createDirectoryConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    entraTenantId: string;
                    clientId: string;
                    clientSecret: string;
                    authorityHost?: string | null;
                    graphBaseUrl?: string | null;
                    /** @default [] */
                    scopedGroupIds?: string[];
                    /** @default {} */
                    attributeMapping?: {
                        [key: string]: ("userPrincipalName" | "mail" | "givenName" | "surname" | "displayName" | "jobTitle" | "department" | "businessPhones" | "mobilePhone" | "officeLocation" | "usageLocation" | "preferredLanguage" | "employeeId" | "manager" | "extensionAttribute1" | "extensionAttribute2" | "extensionAttribute3" | "extensionAttribute4" | "extensionAttribute5" | "extensionAttribute6" | "extensionAttribute7" | "extensionAttribute8" | "extensionAttribute9" | "extensionAttribute10" | "extensionAttribute11" | "extensionAttribute12" | "extensionAttribute13" | "extensionAttribute14" | "extensionAttribute15") | null;
                    };
                    /** @default null */
                    directoryOwned?: string[] | null;
                    /** @default 30 minutes */
                    syncInterval?: string;
                    /** @default 1 day */
                    reconcileInterval?: string;
                    /** @default true */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The new connection */
            201: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryConnection"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDirectoryAttributeMapping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The mapping vocabulary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryAttributeMapping"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDirectoryConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryConnection"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteDirectoryConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateDirectoryConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    entraTenantId?: string;
                    clientId?: string;
                    clientSecret?: string;
                    authorityHost?: string | null;
                    graphBaseUrl?: string | null;
                    scopedGroupIds?: string[];
                    attributeMapping?: {
                        [key: string]: ("userPrincipalName" | "mail" | "givenName" | "surname" | "displayName" | "jobTitle" | "department" | "businessPhones" | "mobilePhone" | "officeLocation" | "usageLocation" | "preferredLanguage" | "employeeId" | "manager" | "extensionAttribute1" | "extensionAttribute2" | "extensionAttribute3" | "extensionAttribute4" | "extensionAttribute5" | "extensionAttribute6" | "extensionAttribute7" | "extensionAttribute8" | "extensionAttribute9" | "extensionAttribute10" | "extensionAttribute11" | "extensionAttribute12" | "extensionAttribute13" | "extensionAttribute14" | "extensionAttribute15") | null;
                    };
                    directoryOwned?: string[] | null;
                    syncInterval?: string;
                    reconcileInterval?: string;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The connection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryConnection"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `directory_sync.held_run_pending` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_sync.already_running` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDirectoryGroups: {
        parameters: {
            query?: {
                /** @description Part of the display name, any case */
                search?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The groups */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DirectoryGroup"][];
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    testDirectoryConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The outcome */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        code?: string;
                        message?: string;
                        retryable?: boolean;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startDirectorySync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run started */
            202: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runId: string;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_sync.already_running` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDirectorySyncRuns: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DirectorySyncRun"][];
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDirectorySyncRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectorySyncRun"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_sync_run.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveDirectorySyncRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectorySyncRun"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_sync_run.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_sync_run.invalid_state`; `directory_sync.already_running` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectDirectorySyncRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectorySyncRun"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_sync_run.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_sync_run.invalid_state`; `directory_sync.already_running` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startContactReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run started */
            202: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runId: string;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `contact_reconciliation.already_running` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listContactReconciliations: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ContactReconciliation"][];
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `directory_connection.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getContactReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactReconciliation"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `contact_reconciliation.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listContactConflicts: {
        parameters: {
            query?: {
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of conflicts, in the order they were found */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactConflictPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `contact_reconciliation.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRules: {
        parameters: {
            query?: {
                status?: "draft" | "active" | "retired";
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RulePage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleRequest"];
            };
        };
        responses: {
            /** @description The rule */
            201: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rule"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `rule.invalid` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RulePreviewRequest"];
            };
        };
        responses: {
            /** @description What would change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RulePreview"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `rule.invalid` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRuleConflicts: {
        parameters: {
            query?: {
                kind?: "priority_lost" | "track_held_by_direct" | "requirement_unmet" | "dependents_lose_requirement" | "grant_failed";
                userId?: string;
                ruleId?: string;
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of conflicts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleConflictPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reconcileRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Requested */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleReconcileRequested"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRuleHolds: {
        parameters: {
            query?: {
                status?: "pending" | "approved" | "rejected";
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of holds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleHoldPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRuleHold: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hold and up to `limit` of its removals */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleHoldDetail"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule_hold.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveRuleHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The decided hold */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleHold"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule_hold.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule_hold.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectRuleHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The decided hold */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleHold"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule_hold.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule_hold.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rule"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid; `rule.invalid` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you last read (W/"<version>"); the write is refused with 412 if the resource changed since */
                "if-match"?: string;
            };
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleChangeRequest"];
            };
        };
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rule"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `rule.invalid` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    activateRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you last read (W/"<version>"); the write is refused with 412 if the resource changed since */
                "if-match"?: string;
            };
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rule"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `rule.invalid` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retireRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you last read (W/"<version>"); the write is refused with 412 if the resource changed since */
                "if-match"?: string;
            };
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rule"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `rule.invalid` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rule.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    explainAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The explanation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenseExplanation"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGroups: {
        parameters: {
            query?: {
                /** @description Part of the display name (case-insensitive) */
                q?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Matching groups */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupList"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTracks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every track, in display order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackList"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createTrack: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTrackRequest"];
            };
        };
        responses: {
            /** @description The new track */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Track"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `catalog.invalid`: The catalog change is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `track.already_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    compareProducts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The track key (or id) */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comparison */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductComparison"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `track.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProducts: {
        parameters: {
            query?: {
                /** @description Only this track */
                track?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The products, by track and position */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductList"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProductRequest"];
            };
        };
        responses: {
            /** @description The new product */
            201: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `catalog.invalid`: The catalog change is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `product.already_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The product id or key */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `product.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you last read (W/"<version>"); the write is refused with 412 if the resource changed since */
                "if-match"?: string;
            };
            path: {
                /** @description The product id or key */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProductRequest"];
            };
        };
        responses: {
            /** @description The product as changed */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `catalog.invalid`: The catalog change is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `product.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `product.version_mismatch` */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retireProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The product id or key */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The retired product */
            200: {
                headers: {
                    /** @description The version of the resource (W/"<version>"); send it back in If-Match to write only over it */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `product.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `product.in_use`: The product is still in use; `product.invalid_state`: The product is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInventory: {
        parameters: {
            query?: {
                /** @description Only this product (id or key) */
                product?: string;
                /** @description Also report the seats available on this date, today or later (scheduled assignments, scheduled changes within a track counted once, and ending subscriptions included); a past date is refused */
                on?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One line per product */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inventory"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPurchases: {
        parameters: {
            query?: {
                /** @description Only this product (id or key) */
                product?: string;
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of purchases */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    purchaseSeats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseRequest"];
            };
        };
        responses: {
            /** @description The order */
            201: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `catalog.invalid`: The catalog change is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `terms.not_accepted`: The terms must be accepted */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelPurchase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelPurchaseRequest"];
            };
        };
        responses: {
            /** @description The order with its cancellations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `subscription.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `subscription.quantity_exceeded`: The purchase has fewer seats left to cancel; `subscription.seats_in_use`: The seats are still in use on that date */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `confirmation.required`: This needs explicit confirmation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAssignments: {
        parameters: {
            query?: {
                /** @description Only this product (id or key) */
                product?: string;
                state?: "scheduled" | "active" | "blocked" | "failed" | "removal_scheduled" | "grace" | "removed" | "cancelled";
                /** @description Only this user's assignments */
                userId?: string;
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of assignments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignLicense: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignRequest"];
            };
        };
        responses: {
            /** @description One result per user, and the order when seats were bought; for one user, Location is the assignment */
            201: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignResponse"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `number.invalid`: The phone number is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.already_scheduled`: The user already has the product scheduled; `product.not_sellable`: The product is not sold: it cannot be assigned; `seat.unavailable`: No seat is available; `requirement.unmet`: A requirement of the product is not met; `number.unavailable`: The phone number is not available; `number.invalid_state`: The phone number is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `terms.not_accepted`: The terms must be accepted */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The assignment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentDetails"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeLicense: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeAssignmentRequest"];
            };
        };
        responses: {
            /** @description The new assignment */
            201: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignResult"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `number.invalid`: The phone number is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.invalid_state`: The assignment is not in a state that allows this; `assignment.already_scheduled`: The user already has the product scheduled; `product.not_sellable`: The product is not sold: it cannot be assigned; `seat.unavailable`: No seat is available; `requirement.unmet`: A requirement of the product is not met; `number.unavailable`: The phone number is not available; `number.invalid_state`: The phone number is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeLicense: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RemoveAssignmentRequest"];
            };
        };
        responses: {
            /** @description The assignment as it now is */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assignment"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.invalid_state`: The assignment is not in a state that allows this; `requirement.dependents`: Other licenses of the user require this one */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `confirmation.required`: This needs explicit confirmation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled assignment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assignment"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.invalid_state`: The assignment is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rescheduleAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RescheduleRequest"];
            };
        };
        responses: {
            /** @description The assignment and its conflicts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignResult"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `assignment.invalid_state`: The assignment is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setActivationDate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RescheduleRequest"];
            };
        };
        responses: {
            /** @description One result per assignment moved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignResultList"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `user.not_found`: User not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNumbers: {
        parameters: {
            query?: {
                status?: "available" | "reserved" | "assigned" | "porting" | "quarantine";
                kind?: "fixed" | "mobile";
                /** @description ISO 3166-1 alpha-2 country code, e.g. SE */
                country?: string;
                /** @description Only numbers assigned to this user */
                userId?: string;
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of numbers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhoneNumberPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acquireNumbers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcquireNumbersRequest"];
            };
        };
        responses: {
            /** @description The new numbers */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhoneNumberList"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.unavailable`: The phone number is not available */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The number id, or the number in E.164 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The number */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhoneNumber"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The number id, or the number in E.164 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignNumberRequest"];
            };
        };
        responses: {
            /** @description The number as assigned */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhoneNumber"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.invalid_state`: The phone number is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reserveNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The number id, or the number in E.164 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The number as reserved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhoneNumber"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.invalid_state`: The phone number is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    releaseNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The number id, or the number in E.164 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReleaseNumberRequest"];
            };
        };
        responses: {
            /** @description The number in quarantine */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhoneNumber"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.invalid_state`: The phone number is not in a state that allows this; `requirement.would_break`: The change leaves running licenses without a requirement */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPortOrders: {
        parameters: {
            query?: {
                state?: "submitted" | "confirmed" | "completed" | "rejected" | "cancelled";
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of port orders */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortOrderPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPortOrder: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePortOrderRequest"];
            };
        };
        responses: {
            /** @description The port order */
            201: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortOrder"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `number.invalid`: The phone number is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `number.unavailable`: The phone number is not available */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPortOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The port order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortOrder"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `port_order.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmPortOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmPortOrderRequest"];
            };
        };
        responses: {
            /** @description The confirmed port order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortOrder"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `port_order.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `port_order.invalid_state`: The port order is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectPortOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectPortOrderRequest"];
            };
        };
        responses: {
            /** @description The rejected port order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortOrder"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `port_order.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `port_order.invalid_state`: The port order is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelPortOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled port order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortOrder"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `port_order.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `port_order.invalid_state`: The port order is not in a state that allows this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getImportTemplate: {
        parameters: {
            query?: {
                /** @description csv (UTF-8 with a BOM) or xlsx */
                format?: "csv" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listImports: {
        parameters: {
            query?: {
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of imports */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadImport: {
        parameters: {
            query?: {
                /** @description XLSX: the sheet to read; the workbook's first by default */
                sheet?: string;
                /** @description CSV: the delimiter; found from the header line by default */
                delimiter?: "," | ";" | "\t" | "|";
                /** @description CSV: the text encoding; from the BOM, else UTF-8 when valid, else Windows-1252 */
                encoding?: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | "iso-8859-1";
                fileName?: string;
                /** @description true: a row whose license would wait blocked (no seat, unmet requirement) is an error */
                strict?: "true" | "false";
            };
            header?: {
                "content-type"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description At most 10485760 bytes */
        requestBody: {
            content: {
                "text/csv": string;
                "application/csv": string;
                "text/plain": string;
                "text/tab-separated-values": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                "application/vnd.ms-excel": string;
            };
        };
        responses: {
            /** @description The import and what each row would do */
            201: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDryRun"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `import.file_invalid`; `import.too_many_rows` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request.too_large`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `request.unsupported_media_type`: Unsupported request body encoding */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The import */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Import"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `import.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    applyImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The import, queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Import"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `import.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `import.invalid_state` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getImportResult: {
        parameters: {
            query?: {
                /** @description csv (UTF-8 with a BOM) or xlsx */
                format?: "csv" | "xlsx";
            };
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One line per row of the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `import.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportUsers: {
        parameters: {
            query?: {
                /** @description csv (UTF-8 with a BOM) or xlsx */
                format?: "csv" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportAssignments: {
        parameters: {
            query?: {
                /** @description csv (UTF-8 with a BOM) or xlsx */
                format?: "csv" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportNumbers: {
        parameters: {
            query?: {
                /** @description csv (UTF-8 with a BOM) or xlsx */
                format?: "csv" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportAuditLog: {
        parameters: {
            query?: {
                /** @description csv (UTF-8 with a BOM) or xlsx */
                format?: "csv" | "xlsx";
                /** @description Events at or after this time */
                from?: string;
                /** @description Events before this time */
                to?: string;
                /** @description Only this action, e.g. user.created */
                action?: string;
                /** @description Only events of this kind of entity, e.g. user */
                entityType?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Who made the changes: a kind of actor */
                actorType?: "token" | "cli" | "job" | "connector" | "rule_engine" | "system";
                /** @description Which one: a token id, rule id, directory connection id or job name */
                actorId?: string;
                /** @description An action (user.updated) or every action of a kind (assignment.*) */
                action?: string;
                entityType?: "tenant" | "token" | "session" | "user" | "group" | "track" | "product" | "subscription" | "assignment" | "phone_number" | "port_order" | "rule" | "rule_hold" | "directory_connection" | "webhook_endpoint" | "import";
                /** @description With or without entityType */
                entityId?: string;
                /** @description Events about one user: the user, their assignments and their numbers */
                userId?: string;
                /** @description Occurred at or after this instant */
                from?: string;
                /** @description Occurred before this instant */
                to?: string;
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor; omit for the first page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: {
                status?: "active" | "revoked";
                /** @description Items per page, 1-200 */
                limit?: number;
                /** @description The previous page's nextCursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPage"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTokenRequest"];
            };
        };
        responses: {
            /** @description The new token, with its secret */
            201: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedToken"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `token.not_found`: Token not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `token.not_found`: Token not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `token.invalid_state`: The token is not in a state that allows this; `token.last_owner`: The tenant's last owner token cannot be revoked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenantSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSettings"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateTenantSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantSettingsRequest"];
            };
        };
        responses: {
            /** @description The settings as they now are */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSettings"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON; `settings.invalid`: The settings are not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalog of outgoing events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            type: "user.created" | "user.updated" | "user.suspended" | "user.reactivated" | "user.deleted" | "assignment.scheduled" | "assignment.rescheduled" | "assignment.activated" | "assignment.blocked" | "assignment.failed" | "assignment.removal_scheduled" | "assignment.grace" | "assignment.restored" | "assignment.removed" | "assignment.cancelled" | "number.assigned" | "number.released" | "number.reserved" | "number.acquired" | "port_order.submitted" | "port_order.confirmed" | "port_order.completed" | "port_order.rejected" | "port_order.cancelled" | "subscription.purchased" | "subscription.cancelled" | "subscription.partially_cancelled";
                            version: number;
                        }[];
                    };
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description https, to a public address (see WEBHOOK_ALLOW_TARGETS) */
                    url: string;
                    /** @description The event types this endpoint receives */
                    eventTypes: ("user.created" | "user.updated" | "user.suspended" | "user.reactivated" | "user.deleted" | "assignment.scheduled" | "assignment.rescheduled" | "assignment.activated" | "assignment.blocked" | "assignment.failed" | "assignment.removal_scheduled" | "assignment.grace" | "assignment.restored" | "assignment.removed" | "assignment.cancelled" | "number.assigned" | "number.released" | "number.reserved" | "number.acquired" | "port_order.submitted" | "port_order.confirmed" | "port_order.completed" | "port_order.rejected" | "port_order.cancelled" | "subscription.purchased" | "subscription.cancelled" | "subscription.partially_cancelled")[];
                    description?: string | null;
                    /** @default true */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The new endpoint and its secret */
            201: {
                headers: {
                    /** @description Where the created resource (or started run) can be read */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook_endpoint.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook_endpoint.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The event types this endpoint receives */
                    eventTypes?: ("user.created" | "user.updated" | "user.suspended" | "user.reactivated" | "user.deleted" | "assignment.scheduled" | "assignment.rescheduled" | "assignment.activated" | "assignment.blocked" | "assignment.failed" | "assignment.removal_scheduled" | "assignment.grace" | "assignment.restored" | "assignment.removed" | "assignment.cancelled" | "number.assigned" | "number.released" | "number.reserved" | "number.acquired" | "port_order.submitted" | "port_order.confirmed" | "port_order.completed" | "port_order.rejected" | "port_order.cancelled" | "subscription.purchased" | "subscription.cancelled" | "subscription.partially_cancelled")[];
                    description?: string | null;
                    /** @description Enabling a disabled endpoint resets its failure count */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook_endpoint.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default 24 */
                    overlapHours?: number;
                };
            };
        };
        responses: {
            /** @description The endpoint and its new secret */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook_endpoint.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    testWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How the receiver answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delivered: boolean;
                        statusCode: number | null;
                        error: string | null;
                        durationMs: number;
                        webhookId: string;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook_endpoint.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayWebhookEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    fromEventId?: unknown;
                    toEventId?: unknown;
                    /** Format: date-time */
                    from?: string;
                    /** Format: date-time */
                    to?: string;
                };
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        queued: number;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid; `request.invalid_json`: The request body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook_endpoint.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                /** @description The previous page's nextBefore */
                before?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The resource id (a UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookDelivery"][];
                        nextBefore: string | null;
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook_endpoint.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message and every attempt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description The webhook-id header this message carries on every attempt */
                        webhookId: string;
                        eventId: string | null;
                        type: string;
                        /** @enum {string} */
                        status: "pending" | "delivered" | "failed";
                        attempts: number;
                        /** @description When a pending message is tried next */
                        nextAttemptAt: string | null;
                        lastError: string | null;
                        createdAt: string;
                        deliveredAt: string | null;
                        payload: {
                            [key: string]: unknown;
                        };
                        log: {
                            attempt: number;
                            startedAt: string;
                            durationMs: number;
                            /** @enum {string} */
                            outcome: "delivered" | "retry" | "failed";
                            statusCode: number | null;
                            error: string | null;
                            worker: string;
                        }[];
                    };
                };
            };
            /** @description `validation.failed`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `auth.unauthorized`: Authentication required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `permission.denied`: Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook_delivery.not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `rate_limit.exceeded`: Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal.error`: Internal server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service.unavailable`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who is signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: {
                            id: string;
                            name: string;
                        };
                        role: ("owner" | "license_admin" | "read_only" | "operator") | null;
                        tokenId: string;
                        tokenLabel: string | null;
                        /** @description null when the request was made with a bearer token */
                        session: {
                            id: string;
                            /** @description Send it in X-CSRF-Token with every request other than GET */
                            csrfToken: string;
                            idleExpiresAt: string;
                            absoluteExpiresAt: string;
                        } | null;
                    };
                };
            };
            /** @description Not signed in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Who is signed in */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: {
                            id: string;
                            name: string;
                        };
                        role: ("owner" | "license_admin" | "read_only" | "operator") | null;
                        tokenId: string;
                        tokenLabel: string | null;
                        /** @description null when the request was made with a bearer token */
                        session: {
                            id: string;
                            /** @description Send it in X-CSRF-Token with every request other than GET */
                            csrfToken: string;
                            idleExpiresAt: string;
                            absoluteExpiresAt: string;
                        } | null;
                    };
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
