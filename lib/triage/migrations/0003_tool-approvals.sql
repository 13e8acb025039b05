CREATE TABLE "tool_approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tool" text NOT NULL,
	"scope" text NOT NULL,
	"pattern" text,
	"devices" jsonb,
	"reason" text NOT NULL,
	"owner" text NOT NULL,
	"expires_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_by_id" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" text NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tool_approvals_scope_known" CHECK ("tool_approvals"."scope" in ('all', 'pattern', 'devices')),
	CONSTRAINT "tool_approvals_scope_complete" CHECK (("tool_approvals"."scope" = 'pattern') = ("tool_approvals"."pattern" is not null) and ("tool_approvals"."scope" = 'devices') = ("tool_approvals"."devices" is not null)),
	CONSTRAINT "tool_approvals_reason_given" CHECK ("tool_approvals"."reason" <> '' and "tool_approvals"."owner" <> ''),
	CONSTRAINT "tool_approvals_version_positive" CHECK ("tool_approvals"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_entity_known";--> statement-breakpoint
CREATE INDEX "tool_approvals_tool" ON "tool_approvals" USING btree (lower("tool"));--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_entity_known" CHECK ("audit_log"."entity" in ('verdict', 'exclusion', 'approval'));