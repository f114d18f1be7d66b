{{/* Release-scoped name, truncated to the 63 characters Kubernetes allows for DNS labels. */}}
{{- define "perfplane.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "perfplane.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: perfplane
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one service; call with (dict "root" $ "name" "api"). */}}
{{- define "perfplane.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}-service
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Object name of one service: <fullname>-<service>. */}}
{{- define "perfplane.serviceName" -}}
{{- printf "%s-%s" (include "perfplane.fullname" .root) .name -}}
{{- end -}}

{{/* The effective settings of one service: defaults overlaid with services.<name>. */}}
{{- define "perfplane.serviceConfig" -}}
{{- $cfg := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy (index .root.Values.services .name)) -}}
{{- toYaml $cfg -}}
{{- end -}}

{{- define "perfplane.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- include "perfplane.fullname" . -}}
{{- end -}}
{{- end -}}

{{- define "perfplane.dbSecretName" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else -}}
{{- include "perfplane.secretName" . -}}
{{- end -}}
{{- end -}}

{{- define "perfplane.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "perfplane.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}
