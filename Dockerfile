# hospital-some: one image for the web server (gunicorn), the Celery worker and Celery beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app

COPY requirements.lock ./
RUN pip install -r requirements.lock

# The code stays owned by root; the app user may write only var/ and staticfiles/.
COPY . .
RUN mkdir -p /app/var /app/staticfiles && chown app:app /app/var /app/staticfiles

USER app

# Production settings refuse to load without a secret and hosts; these dummy values exist only for this
# RUN line (collectstatic needs no secret) and are not kept in the image's environment.
RUN DJANGO_SETTINGS_MODULE=hospital_some.settings.production \
    DJANGO_SECRET_KEY=build-time-only-not-a-secret-collectstatic-placeholder-value-0123456789 \
    DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

ENV DJANGO_SETTINGS_MODULE=hospital_some.settings.production

EXPOSE 8000

CMD ["gunicorn", "hospital_some.wsgi:application", "--workers", "3", "--worker-class", "sync", "--bind", "0.0.0.0:8000"]
