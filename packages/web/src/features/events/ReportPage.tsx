import { AimOutlined, CheckCircleFilled, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Switch, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { NativeSelect, TextArea, TextInput } from '../../ui/NativeFields.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { SegmentedTabs } from '../../ui/SegmentedTabs.tsx';
import type { ReportBody } from './api.ts';
import { StatusTag } from './labels.tsx';
import { useEventsI18n } from './messages.ts';
import { PhoneLayout } from './PhoneLayout.tsx';
import { PhotoInput } from './PhotoInput.tsx';
import { devicePosition, positionIfGranted, type LngLat } from './position.ts';
import { categoriesQuery, duplicatesQuery, useReport } from './queries.ts';
import { PlaceName } from './PlaceName.tsx';
import { StepError } from './StepError.tsx';
import type { EventSummary } from './types.ts';

// The map (Leaflet) and "my reports" load when they are opened: the form's first load carries neither.
const LocationPicker = lazy(() => import('./LocationPicker.tsx'));
const MyReports = lazy(() => import('./MyReports.tsx'));

function ReportForm({ onMine }: { onMine: () => void }) {
  const { te, pick } = useEventsI18n();
  const [formKey, setFormKey] = useState(0);
  const categories = useQuery(categoriesQuery);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [position, setPosition] = useState<LngLat | null>(null);
  const [positionFrom, setPositionFrom] = useState<'device' | 'map' | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateFailed, setLocateFailed] = useState(false);
  const [showMap, setShowMap] = useState(false);
  const [category, setCategory] = useState<string | undefined>();
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [urgent, setUrgent] = useState(false);
  const report = useReport();
  const busy = report.isPending;
  const [done, setDone] = useState<{ event: EventSummary; attachedTo: string | null } | null>(null);
  const [tried, setTried] = useState(false);
  // Reporting anyway while duplicates are offered is confirmed in the page (no modal: the form stays light).
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const locate = useCallback(() => {
    setLocating(true);
    setLocateFailed(false);
    void devicePosition().then((p) => {
      setLocating(false);
      if (p) {
        setPosition(p);
        setPositionFrom('device');
      } else {
        setLocateFailed(true);
        setShowMap(true);
      }
    });
  }, []);
  // No prompt on load (the user asks with the button); a location the browser already allows is read at once.
  useEffect(() => {
    let live = true;
    void positionIfGranted().then((p) => {
      if (live && p) {
        setPosition(p);
        setPositionFrom('device');
      }
    });
    return () => {
      live = false;
    };
  }, [formKey]);

  // The duplicate offer: open events of the category near the point, asked as soon as both are known.
  const duplicateQuery = useQuery({
    ...duplicatesQuery(category ?? '', position?.lng ?? 0, position?.lat ?? 0),
    enabled: !!category && !!position,
  });
  const duplicates = (category && position && duplicateQuery.data) || [];

  const valid = !!category && !!position && description.trim().length >= 2;

  function submit(duplicateOf?: string) {
    setTried(true);
    if (!valid || !category || !position) return;
    const body: ReportBody = {
      category,
      description: description.trim(),
      lng: position.lng,
      lat: position.lat,
      urgency: urgent ? 'urgent' : 'normal',
      photoIds,
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(duplicateOf ? { duplicateOf } : {}),
    };
    report.mutate(body, { onSuccess: (out) => setDone({ event: out.event, attachedTo: duplicateOf ?? null }) });
  }

  function submitNew() {
    setTried(true);
    if (!valid) return;
    if (duplicates.length === 0) return void submit();
    setConfirming(true);
  }

  function reset() {
    setDone(null);
    setPhotoIds([]);
    setCategory(undefined);
    setDescription('');
    setAddress('');
    setUrgent(false);
    setTried(false);
    setConfirming(false);
    report.reset();
    setFormKey((k) => k + 1);
  }

  if (done)
    return (
      <section className="oe-phone-card oe-report-done" data-testid="report-done" aria-live="polite">
        <CheckCircleFilled className="oe-report-done-icon" aria-hidden />
        <h2>{te('ev.report.done')}</h2>
        <Space orientation="vertical" size={4}>
          <span data-testid="report-done-no">{done.event.no}</span>
          <StatusTag status={done.event.status} />
          {done.attachedTo && <span>{te('ev.report.attached')}</span>}
        </Space>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" onClick={reset}>
            {te('ev.report.again')}
          </Button>
          <Button onClick={onMine} data-testid="goto-mine">
            {te('ev.report.mine')}
          </Button>
        </Space>
      </section>
    );

  const missing = (ok: boolean) => tried && !ok;

  return (
    <div key={formKey} style={{ display: 'flex', flexDirection: 'column', gap: 10 }} data-testid="report-form">
      <div className="oe-phone-card">
        <h2 className="oe-card-title">{te('ev.photos')}</h2>
        <div style={{ marginTop: 8 }}>
          <PhotoInput kind="report" onChange={setPhotoIds} />
        </div>
      </div>
      <div className="oe-phone-card" data-testid="report-location" data-lng={position?.lng} data-lat={position?.lat}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <h2 className="oe-card-title">
            <EnvironmentOutlined aria-hidden /> {te('ev.location')}
          </h2>
          <Space size={4}>
            <Button size="small" icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="locate-me">
              {te('ev.report.useDevice')}
            </Button>
            <Button size="small" onClick={() => setShowMap((s) => !s)} data-testid="toggle-pick-map">
              {te(showMap ? 'ev.report.hideMap' : 'ev.report.pickOnMap')}
            </Button>
          </Space>
        </Space>
        <div style={{ marginTop: 6, fontSize: 13, minHeight: 24 }} data-testid="location-text" aria-live="polite">
          {position ? (
            <>
              <Tag color={positionFrom === 'device' ? 'blue' : 'purple'}>
                {te(positionFrom === 'device' ? 'ev.report.fromDevice' : 'ev.report.fromMap')}
              </Tag>
              <PlaceName at={position} />
            </>
          ) : (
            <span className={missing(false) ? 'oe-text-danger' : 'oe-text-secondary'}>
              {locating
                ? te('ev.report.locating')
                : locateFailed
                  ? te('ev.report.locateFailed')
                  : te('ev.report.noLocation')}
            </span>
          )}
        </div>
        {showMap && (
          <div style={{ marginTop: 8 }}>
            <Suspense fallback={<Spin />}>
              <LocationPicker
                value={position}
                onPick={(p) => {
                  setPosition(p);
                  setPositionFrom('map');
                }}
              />
            </Suspense>
            <span className="oe-text-secondary" style={{ fontSize: 12 }}>
              {te('ev.report.tapMap')}
            </span>
          </div>
        )}
        <TextInput
          style={{ marginTop: 8 }}
          placeholder={te('ev.report.address')}
          aria-label={te('ev.report.address')}
          value={address}
          maxLength={200}
          onChange={(e) => setAddress(e.target.value)}
          data-testid="report-address"
        />
      </div>
      <div className="oe-phone-card">
        <label htmlFor="report-category" className="oe-field-label">
          {te('ev.category')}
        </label>
        <NativeSelect
          id="report-category"
          style={{ marginTop: 6 }}
          placeholder={categories.isPending ? te('ev.report.loadingCategories') : te('ev.report.chooseCategory')}
          value={category}
          onValueChange={setCategory}
          options={(categories.data ?? []).map((c) => ({ value: c.code, label: pick(c) }))}
          disabled={!categories.data}
          data-testid="report-category"
          invalid={missing(!!category) || categories.isError}
        />
        <QueryError query={categories} compact style={{ marginTop: 6 }} />
        <label htmlFor="report-description" className="oe-field-label" style={{ marginTop: 10 }}>
          {te('ev.description')}
        </label>
        <TextArea
          id="report-description"
          style={{ marginTop: 6 }}
          rows={3}
          maxLength={2000}
          invalid={missing(description.trim().length >= 2)}
          placeholder={te('ev.report.describe')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="report-description"
        />
        <Space style={{ marginTop: 10 }}>
          <Switch id="report-urgent" checked={urgent} onChange={setUrgent} />
          <label htmlFor="report-urgent">{te('ev.urgency.urgent')}</label>
        </Space>
      </div>
      {duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="duplicate-offer"
          title={te('ev.report.dupTitle', { n: duplicates.length })}
          description={
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              {duplicates.map((d) => (
                <div key={d.id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <span style={{ flex: 1, fontSize: 13 }}>
                    {d.no}
                    <br />
                    <span className="oe-text-secondary" style={{ fontSize: 12 }}>
                      {te('ev.report.dupWhere', {
                        m: Math.round(d.distanceM),
                        time: dayjs(d.reportedAt).format('MM-DD HH:mm'),
                      })}
                    </span>
                  </span>
                  <Button
                    size="small"
                    type="primary"
                    loading={busy}
                    onClick={() => submit(d.id)}
                    data-testid="attach-duplicate"
                  >
                    {te('ev.report.attach')}
                  </Button>
                </div>
              ))}
              <span className="oe-text-secondary" style={{ fontSize: 12 }}>
                {te('ev.report.dupHint')}
              </span>
            </Space>
          }
        />
      )}
      {/* The offer is a courtesy: the server still finds duplicates if it cannot be asked. */}
      <QueryError query={duplicateQuery} compact />
      <StepError error={report.error} />
      {tried && !valid && <Alert type="error" showIcon title={te('ev.report.incomplete')} />}
      {confirming && duplicates.length > 0 ? (
        <div
          className="oe-phone-card oe-confirm"
          role="alertdialog"
          aria-labelledby="report-confirm-title"
          aria-describedby="report-confirm-text"
          tabIndex={-1}
          ref={confirmRef}
          data-testid="report-confirm"
        >
          <h2 className="oe-card-title" id="report-confirm-title">
            {te('ev.report.dupConfirmTitle', { n: duplicates.length })}
          </h2>
          <p id="report-confirm-text">{te('ev.report.dupConfirmText')}</p>
          <div className="oe-phone-actions">
            <Button size="large" onClick={() => setConfirming(false)} data-testid="report-confirm-cancel">
              {te('ev.cancel')}
            </Button>
            <Button type="primary" size="large" loading={busy} onClick={() => submit()} data-testid="report-confirm-ok">
              {te('ev.report.submitAnyway')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="oe-phone-actions">
          <Button type="primary" size="large" loading={busy} onClick={submitNew} data-testid="report-submit">
            {duplicates.length > 0 ? te('ev.report.submitAnyway') : te('ev.report.submit')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** 网格员上报 (SPEC §3 grid worker app): report with photo and location, the duplicate offer, my reports. */
export default function ReportPage() {
  const { te } = useEventsI18n();
  const [tab, setTab] = useState<'new' | 'mine'>('new');
  return (
    <PhoneLayout title={te('ev.report.title')} testId="report-page">
      <SegmentedTabs<'new' | 'mine'>
        label={te('ev.report.title')}
        value={tab}
        onChange={setTab}
        tabs={[
          { value: 'new', label: te('ev.report.new') },
          { value: 'mine', label: te('ev.report.mine'), testId: 'tab-mine' },
        ]}
      >
        {tab === 'new' ? (
          <ReportForm onMine={() => setTab('mine')} />
        ) : (
          <Suspense fallback={<Spin />}>
            <MyReports />
          </Suspense>
        )}
      </SegmentedTabs>
    </PhoneLayout>
  );
}
