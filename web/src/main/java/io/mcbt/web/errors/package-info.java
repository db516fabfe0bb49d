/** Every error answer of the REST API is JSON with a reason; no stack trace ever leaves. */
package io.mcbt.web.errors;
