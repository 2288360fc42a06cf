"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useState } from "react";
import { browserTimeZone } from "@/components/ui/browser-time-zone";
import type { ApiRefusal } from "../api/call-api";
import { type CommandAnswer, callAdminApi, type ProgramView } from "./admin-api";
import { buttonClass, Field, FormAlert, focusFirst, hintClass, inputClass, StatusLine } from "./form-parts";
import { TimeZoneOptions } from "./time-zone-options";

type ProgramField = "slug" | "name" | "description" | "timeZone";
const FIELDS: readonly ProgramField[] = ["name", "slug", "description", "timeZone"];

interface Values {
  slug: string;
  name: string;
  description: string;
  timeZone: string;
}

/** "Design mentoring 2027" -> "design-mentoring-2027". */
function slugOf(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}

/**
 * Creates a program (POST /api/admin/programs) or edits one (PATCH): name,
 * slug, description, and on creation its time zone, which is fixed after.
 * A refusal shows the API's message beside the field it names; what was typed stays.
 */
export function ProgramForm({ program }: { program?: ProgramView }) {
  const router = useRouter();
  const ids = useId();
  const idOf = (field: ProgramField) => `${ids}-${field}`;
  const [values, setValues] = useState<Values>(() => ({
    slug: program?.slug ?? "",
    name: program?.name ?? "",
    description: program?.description ?? "",
    timeZone: program?.timeZone ?? "",
  }));
  const [saved, setSaved] = useState<Values | null>(program ? { ...values } : null);
  // While creating, the slug follows the name until the admin types one.
  const [slugTouched, setSlugTouched] = useState(Boolean(program));
  const [refusal, setRefusal] = useState<ApiRefusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(true);
    if (!program) {
      const zone = browserTimeZone();
      setValues((v) => (v.timeZone === "" ? { ...v, timeZone: zone } : v));
    }
  }, [program]);

  const set = (field: ProgramField, value: string) => {
    setValues((v) => {
      const next = { ...v, [field]: value };
      if (field === "name" && !slugTouched) next.slug = slugOf(value);
      return next;
    });
    if (field === "slug") setSlugTouched(true);
  };
  const errorFor = (field: ProgramField) => (refusal?.field?.split(".")[0] === field ? refusal.message : null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setRefusal(null);
    setDone(null);
    try {
      if (program) {
        // Only what changed: PATCH refuses a body that names nothing.
        const body: Partial<Values> = {};
        for (const field of ["slug", "name", "description"] as const) {
          if (values[field] !== saved?.[field]) body[field] = values[field];
        }
        if (Object.keys(body).length === 0) {
          setDone("Nothing to save: no field was changed.");
          return;
        }
        const answer = await callAdminApi<CommandAnswer & { program: ProgramView }>(
          `/api/admin/programs/${program.id}`,
          {
            method: "PATCH",
            body,
          },
        );
        if (!answer.ok) return refuse(answer);
        const p = answer.value.program;
        setSaved({ slug: p.slug, name: p.name, description: p.description, timeZone: p.timeZone });
        setValues({ slug: p.slug, name: p.name, description: p.description, timeZone: p.timeZone });
        setDone("Program saved.");
        router.refresh();
      } else {
        const answer = await callAdminApi<CommandAnswer & { program: ProgramView }>("/api/admin/programs", {
          method: "POST",
          body: values,
        });
        if (!answer.ok) return refuse(answer);
        router.push(`/admin/programs/${answer.value.program.id}?created=1`);
      }
    } finally {
      setPending(false);
    }
  }

  function refuse(answer: ApiRefusal) {
    setRefusal(answer);
    const field = answer.field?.split(".")[0];
    focusFirst(field && (FIELDS as readonly string[]).includes(field) ? [`${ids}-${field}`] : [`${ids}-alert`]);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={program ? "Edit program" : "New program"}
      className="max-w-xl space-y-4"
    >
      <Field id={idOf("name")} label="Name" error={errorFor("name")}>
        {(control) => (
          <input
            {...control}
            name="name"
            className={inputClass}
            value={values.name}
            maxLength={100}
            onChange={(e) => set("name", e.target.value)}
          />
        )}
      </Field>
      <Field
        id={idOf("slug")}
        label="Slug"
        hint="Lowercase letters, digits and dashes; used in links and the analytics filters."
        error={errorFor("slug")}
      >
        {(control) => (
          <input
            {...control}
            name="slug"
            className={`${inputClass} font-mono`}
            value={values.slug}
            maxLength={64}
            autoCapitalize="none"
            spellCheck={false}
            onChange={(e) => set("slug", e.target.value)}
          />
        )}
      </Field>
      <Field id={idOf("description")} label="Description (optional)" error={errorFor("description")}>
        {(control) => (
          <textarea
            {...control}
            name="description"
            rows={3}
            className={inputClass}
            value={values.description}
            onChange={(e) => set("description", e.target.value)}
          />
        )}
      </Field>
      {program ? (
        <div className="space-y-1">
          <p className="text-sm font-medium">Time zone</p>
          <p className="text-sm">
            <span className="font-mono">{program.timeZone}</span>{" "}
            <span className={hintClass}>(fixed: the analytics count each day in it)</span>
          </p>
        </div>
      ) : (
        <Field
          id={idOf("timeZone")}
          label="Time zone"
          hint="An IANA name such as Europe/Berlin. Fixed once the program exists: the analytics count each day in it. New rounds start in it."
          error={errorFor("timeZone")}
        >
          {(control) => (
            <>
              <input
                {...control}
                name="timeZone"
                className={inputClass}
                list={`${ids}-zones`}
                autoCapitalize="none"
                spellCheck={false}
                value={values.timeZone}
                onChange={(e) => set("timeZone", e.target.value)}
              />
              <TimeZoneOptions id={`${ids}-zones`} />
            </>
          )}
        </Field>
      )}
      <FormAlert
        id={`${ids}-alert`}
        message={refusal ? `${program ? "Not saved" : "The program was not created"}: ${refusal.message}` : null}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={!ready || pending}>
          {pending ? "Saving…" : program ? "Save program" : "Create program"}
        </button>
        <StatusLine message={done} />
      </div>
    </form>
  );
}
