import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi } from '../../test/widget/fakes.ts';
import { clinicRules } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest, plain } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

describe('Spanish', () => {
  it('speaks Spanish with the locale option: headings, grid, 24-hour times, announcements', async () => {
    mounted = mountForTest({ options: { ...fixed, locale: 'es' } });
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 horarios disponibles el martes, 3 de diciembre'),
    );
    expect(view.getByRole('heading', { name: 'Elija un día' })).toBeTruthy();
    expect(view.getByRole('grid', { name: 'diciembre de 2024' })).toBeTruthy();
    expect(view.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'lun',
      'mar',
      'mié',
      'jue',
      'vie',
      'sáb',
      'dom',
    ]);
    expect(view.getByRole('gridcell', { selected: true }).getAttribute('aria-label')).toBe(
      'martes, 3 de diciembre, 12 horarios disponibles',
    );
    expect(view.getByRole('group', { name: 'Horarios disponibles el martes, 3 de diciembre' })).toBeTruthy();
    expect(plain(view.getAllByRole('radio')[0]?.closest('label')?.textContent)).toBe('9:00');
    expect(view.getByRole('group', { name: 'Tarde' })).toBeTruthy();
    expect(mounted.container.querySelector('section')?.getAttribute('lang')).toBe('es');
  });

  it('the details form and its messages are Spanish', async () => {
    mounted = mountForTest({ options: { ...fixed, locale: 'es' } });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() => expect(view.getAllByRole('radio').length).toBe(12));
    await user.click(view.getAllByRole('radio')[0]!);
    await user.click(view.getByRole('button', { name: 'Continuar' }));
    await view.findByRole('heading', { name: 'Sus datos' });
    await user.click(view.getByRole('button', { name: 'Continuar' }));
    expect([...mounted.container.querySelectorAll('.cs-error')].map((e) => e.textContent)).toEqual([
      'Escriba su nombre completo.',
      'Escriba su fecha de nacimiento.',
      'Escriba su correo electrónico.',
      'Escriba su número de teléfono.',
      'Indique si es paciente nuevo o actual.',
      'Debe aceptar antes de reservar.',
    ]);
    expect(view.getByLabelText('Fecha de nacimiento')).toBeTruthy();
  });

  it("says why the clinic refused the time, in Spanish, from the refusal's reason", async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(apiError('SLOT_TAKEN', { status: 409, reason: 'DAY_FULL' }));
    mounted = mountForTest({ options: { ...fixed, locale: 'es' }, api });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() => expect(view.getAllByRole('radio').length).toBe(12));
    await user.click(view.getAllByRole('radio')[0]!);
    await user.click(view.getByRole('button', { name: 'Continuar' }));
    await user.type(await view.findByLabelText('Nombre completo'), 'Lucía Fernández');
    await user.type(view.getByLabelText('Fecha de nacimiento'), '1979-11-02');
    await user.type(view.getByLabelText('Correo electrónico'), 'lucia@example.com');
    await user.type(view.getByLabelText('Teléfono'), '+34 600 123 456');
    await user.click(view.getByLabelText('Sí, ya soy paciente'));
    await user.click(view.getByLabelText(/^Acepto que la clínica/));
    await user.type(view.getByLabelText('Motivo de la visita (opcional)'), 'Dolor de rodilla');
    await user.click(view.getByRole('button', { name: 'Continuar' }));
    await view.findByRole('heading', { name: 'Revise y confirme' });
    expect(view.getByText('Motivo de la visita', { selector: 'dt' }).nextElementSibling?.textContent).toBe(
      'Dolor de rodilla',
    );
    await user.click(await view.findByRole('button', { name: 'Confirmar la cita' }));
    await view.findByRole('heading', { name: 'Elija un día' });
    expect(view.getByRole('alert').textContent).toBe(
      'Las citas de este tipo para ese día se acaban de agotar. Elija otro día; sus datos se conservan.',
    );
  });

  it('follows the page language when no locale is set, and switches live on update', async () => {
    mounted = mountForTest({ options: { ...fixed, locale: undefined }, pageLang: 'es-MX' });
    const view = within(mounted.container);
    expect(await view.findByRole('heading', { name: 'Elija un día' })).toBeTruthy();
    mounted.handle.update({ locale: 'en' });
    expect(await view.findByRole('heading', { name: 'Choose a day' })).toBeTruthy();
  });

  it('shows a British browser 24-hour times on an English page that names no region', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB', 'en']);
    mounted = mountForTest({ options: { ...fixed, locale: undefined }, pageLang: 'en' });
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday 3 December'),
    );
    const labels = view.getAllByRole('radio').map((radio) => plain(radio.closest('label')?.textContent));
    expect(labels[0]).toBe('9:00');
    expect(labels.filter((label) => /AM|PM/.test(label))).toEqual([]);
    expect(labels.some((label) => /^1[3-7]:\d\d$/.test(label))).toBe(true);
    expect(mounted.container.querySelector('section')?.getAttribute('lang')).toBe('en-GB');
    vi.restoreAllMocks();
  });
});
